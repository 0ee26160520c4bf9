"""The feedback store as the service reaches it: open while its database answers, opened again when it returns.

Recording questions, ratings, printable answers and /insights need the database; answering does not. A
database that is down at start-up, or goes down later, costs those features only: answers keep coming
(without an id to rate them by), and the store is opened again once the database answers.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from service.feedback import FeedbackStore

log = logging.getLogger(__name__)

RETRY_OPEN_S = 15.0  # after a failed open, the next request this much later tries again
# The database cannot be reached or is overloaded (not a bug in a statement, nor a wrong URL, which fail loudly).
DatabaseUnavailable = (OperationalError, InterfaceError, PoolTimeout)
UNAVAILABLE_MESSAGE = (
    "ratings, saved answers and insights are unavailable for now: the feedback database does not answer; "
    "questions are still answered. Try again later"
)


def problem_of(exc: BaseException) -> str:
    """A short description of a database failure, without host names or statements (it is shown in /readyz)."""
    original = getattr(exc, "orig", None)
    return f"database unavailable ({type(original or exc).__name__})"


class FeedbackAccess:
    """The feedback store when its database can be reached, with the last problem seen otherwise."""

    def __init__(
        self, opener: Callable[[], FeedbackStore], store: FeedbackStore | None = None, retry_s: float = RETRY_OPEN_S
    ) -> None:
        self._opener = opener
        self._store = store
        self._retry_s = retry_s
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self.problem = ""

    def store(self) -> FeedbackStore | None:
        """The open store, opening it first when due; None while the database cannot be reached.

        Blocking (it may connect): call it from a worker thread.
        """
        if self._store is not None:
            return self._store
        with self._lock:
            if self._store is None and time.monotonic() >= self._retry_at:
                try:
                    self._store = self._opener()
                except DatabaseUnavailable as exc:
                    self._retry_at = time.monotonic() + self._retry_s
                    self.failed(exc)
                else:
                    self.problem = ""
        return self._store

    def unavailable(self) -> tuple[str, dict[str, str]]:
        """The 503 message saying why, and its Retry-After header."""
        return f"{UNAVAILABLE_MESSAGE} ({self.problem})", {"retry-after": str(int(RETRY_OPEN_S))}

    def failed(self, exc: BaseException) -> None:
        """Note a database failure: logged once per change of problem, shown in /readyz until a success."""
        problem = problem_of(exc)
        if problem != self.problem:
            log.warning("feedback store: %s; answers go on without being recorded", problem)
        self.problem = problem

    def succeeded(self) -> None:
        """Note that the database answered again."""
        if self.problem:
            log.warning("feedback store: the database answers again")
            self.problem = ""
