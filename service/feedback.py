"""Questions asked, their answers, and ratings: SQLite by default, PostgreSQL when configured.

No IP address is stored; phone numbers, e-mail addresses and long digit runs (My Number) in questions
and comments are masked before they are written. Rows older than the retention period are deleted.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, create_engine, delete, func, select
from sqlalchemy.engine import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

from service.answer.model import Answer
from service.privacy import mask_personal_data

PURGE_EVERY_S = 3600
CONNECT_TIMEOUT_S = 5
SCHEMA_LOCK_KEY = 0x5348_4945_4E  # PostgreSQL advisory lock held while creating tables ("SHIEN")
SIMILAR_WORDING = 0.5  # Jaccard overlap of question tokens that puts two unanswered questions in one group


class Base(DeclarativeBase):
    pass


class Interaction(Base):
    """One question and the answer it got."""

    __tablename__ = "interactions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    question: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str] = mapped_column(String(16))
    abstained: Mapped[bool] = mapped_column(Boolean)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    answer_text: Mapped[str] = mapped_column(Text)
    measure_ids: Mapped[str] = mapped_column(Text)  # JSON list
    initiatives: Mapped[str] = mapped_column(Text)  # JSON list


class Rating(Base):
    """A user's verdict on an answer: at most one per answer (rating again replaces it)."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Unique: repeated ratings of one answer cannot flood "poorly rated" or grow the database.
    interaction_id: Mapped[str] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), index=True, unique=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    helpful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")


class StaffSession(Base):
    """A staff sign-in; the cookie carries the signed session id, this table only its hash."""

    __tablename__ = "staff_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


class UnknownInteraction(LookupError):
    """A rating names an answer that does not exist (or was purged)."""


@dataclass(frozen=True)
class Insights:
    """What staff learn from the questions asked."""

    unanswered: list[tuple[str, int, str]]  # (representative question, count, interaction id)
    top_measures: list[tuple[str, int]]
    top_initiatives: list[tuple[str, int]]
    poorly_rated: list[tuple[Interaction, Rating]]
    total: int
    ratings: int


def wording_key(text: str) -> str:
    """Grouping key for similar wordings: NFKC, lower case, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if ch.isalnum())


class FeedbackStore:
    """Reads and writes interactions and ratings through SQLAlchemy."""

    def __init__(self, url: str, retention_days: int) -> None:
        connect_args: dict[str, object] = {}
        if url.startswith("sqlite"):
            connect_args = {"check_same_thread": False, "timeout": 30}
        elif url.startswith("postgresql"):
            connect_args = {"connect_timeout": CONNECT_TIMEOUT_S}  # an unreachable host must not hang a request
        # hide_parameters: a database error in the log must not carry the question that was being stored.
        self.engine: SqlEngine = create_engine(url, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True)
        if url.startswith("sqlite"):
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        self._create_tables()
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self.retention_days = retention_days
        self._last_purge = 0.0
        self._purge_lock = threading.Lock()
        self.purge()

    def _create_tables(self) -> None:
        """Create missing tables, one process at a time.

        Workers start together: on PostgreSQL two concurrent CREATE TABLEs of one table make the loser fail
        (a duplicate pg_type row), which stopped `shien serve --workers 2` on a fresh database. A
        transaction-scoped advisory lock serialises them; SQLite serialises writers itself.
        """
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
            Base.metadata.create_all(conn)

    def record(self, question: str, answer: Answer) -> str:
        """Store a question (personal data masked) and its answer; returns the id the UI rates it by."""
        interaction_id = str(uuid.uuid4())
        with self._session.begin() as session:
            session.add(
                Interaction(
                    id=interaction_id,
                    created_at=datetime.now(UTC),
                    question=mask_personal_data(question),
                    lang=answer.lang,
                    kind=answer.kind,
                    abstained=answer.abstained,
                    generated=answer.generated,
                    answer_text=answer.text,
                    measure_ids=json.dumps([c.measure_id for c in answer.citations]),
                    initiatives=json.dumps(sorted({i.code for c in answer.citations for i in c.initiatives})),
                )
            )
        self._maybe_purge()
        return interaction_id

    def rate(self, interaction_id: str, helpful: bool, comment: str = "") -> None:
        """Store the rating of a recorded answer (personal data in the comment masked), replacing an earlier one."""
        comment = mask_personal_data(comment)
        for attempt in range(3):
            try:
                with self._session.begin() as session:
                    if session.get(Interaction, interaction_id) is None:
                        raise UnknownInteraction(interaction_id)
                    existing = session.scalar(select(Rating).where(Rating.interaction_id == interaction_id))
                    if existing is None:
                        session.add(
                            Rating(
                                interaction_id=interaction_id,
                                created_at=datetime.now(UTC),
                                helpful=helpful,
                                comment=comment,
                            )
                        )
                    else:
                        existing.created_at, existing.helpful, existing.comment = datetime.now(UTC), helpful, comment
                return
            except IntegrityError:
                # Two first ratings of one answer at once: the other insert won; update it instead.
                if attempt == 2:
                    raise

    def open_session(self, hours: float) -> str:
        """Start a staff session lasting `hours`; returns its id (to sign into a cookie)."""
        session_id = secrets.token_urlsafe(32)
        now = datetime.now(UTC)
        with self._session.begin() as session:
            session.add(
                StaffSession(id_hash=_session_hash(session_id), created_at=now, expires_at=now + timedelta(hours=hours))
            )
        return session_id

    def session_active(self, session_id: str) -> bool:
        """True while the staff session exists (not signed out) and has not expired."""
        with self._session() as session:
            found = session.get(StaffSession, _session_hash(session_id))
            if found is None:
                return False
            expires = found.expires_at if found.expires_at.tzinfo else found.expires_at.replace(tzinfo=UTC)
            return expires > datetime.now(UTC)

    def close_session(self, session_id: str) -> None:
        """Sign out: the session's cookie no longer works anywhere."""
        with self._session.begin() as session:
            session.execute(delete(StaffSession).where(StaffSession.id_hash == _session_hash(session_id)))

    def interaction(self, interaction_id: str) -> tuple[Interaction, list[Rating]] | None:
        """One recorded answer with its ratings."""
        with self._session() as session:
            found = session.get(Interaction, interaction_id)
            if found is None:
                return None
            ratings = list(session.scalars(select(Rating).where(Rating.interaction_id == interaction_id)))
            return found, ratings

    def purge(self) -> int:
        """Delete interactions and ratings older than the retention period; returns how many interactions."""
        cutoff = datetime.now(UTC) - timedelta(days=self.retention_days)
        with self._session.begin() as session:
            session.execute(delete(StaffSession).where(StaffSession.expires_at < datetime.now(UTC)))
            session.execute(delete(Rating).where(Rating.created_at < cutoff))
            old = list(session.scalars(select(Interaction.id).where(Interaction.created_at < cutoff)))
            if old:
                session.execute(delete(Rating).where(Rating.interaction_id.in_(old)))
                session.execute(delete(Interaction).where(Interaction.id.in_(old)))
        self._last_purge = time.monotonic()
        return len(old)

    def _maybe_purge(self) -> None:
        if time.monotonic() - self._last_purge > PURGE_EVERY_S and self._purge_lock.acquire(blocking=False):
            try:
                self.purge()
            finally:
                self._purge_lock.release()

    def counts(self) -> tuple[int, int]:
        """(interactions, ratings) stored."""
        with self._session() as session:
            interactions = session.scalar(select(func.count()).select_from(Interaction)) or 0
            ratings = session.scalar(select(func.count()).select_from(Rating)) or 0
            return interactions, ratings

    def insights(self, tokens: Callable[[str], set[str]] | None = None, limit: int = 20) -> Insights:
        """Unanswered questions grouped by similar wording, most asked measures and initiatives, poorly rated answers.

        Questions group when their token sets overlap by at least half (Jaccard), or by normalised text
        when no tokenizer is given.
        """
        with self._session() as session:
            interactions = list(session.scalars(select(Interaction).order_by(Interaction.created_at.desc())))
            bad = list(
                session.execute(
                    select(Interaction, Rating)
                    .join(Rating, Rating.interaction_id == Interaction.id)
                    .where(Rating.helpful.is_(False))
                    .order_by(Rating.created_at.desc())
                    .limit(limit)
                )
            )
            ratings = session.scalar(select(func.count()).select_from(Rating)) or 0
        groups: list[tuple[set[str], list[Interaction]]] = []
        for item in interactions:
            if not item.abstained:
                continue
            key = tokens(item.question) if tokens else {wording_key(item.question)}
            for group_key, members in groups:
                if key and len(key & group_key) / len(key | group_key) >= SIMILAR_WORDING:
                    members.append(item)
                    break
            else:
                groups.append((key, [item]))
        unanswered = sorted(
            ((members[0].question, len(members), members[0].id) for _, members in groups), key=lambda g: -g[1]
        )[:limit]
        measures: Counter[str] = Counter()
        initiatives: Counter[str] = Counter()
        for item in interactions:
            if not item.abstained:
                measures.update(json.loads(item.measure_ids))
                initiatives.update(json.loads(item.initiatives))
        return Insights(
            unanswered=unanswered,
            top_measures=measures.most_common(limit),
            top_initiatives=initiatives.most_common(limit),
            poorly_rated=[(row[0], row[1]) for row in bad],
            total=len(interactions),
            ratings=ratings,
        )

    def export_rows(self) -> list[list[str]]:
        """Every interaction with its ratings, for CSV."""
        with self._session() as session:
            rows = session.execute(
                select(Interaction, Rating)
                .outerjoin(Rating, Rating.interaction_id == Interaction.id)
                .order_by(Interaction.created_at)
            )
            out = []
            for item, rating in rows:
                out.append(
                    [
                        item.id,
                        item.created_at.isoformat(timespec="seconds"),
                        item.question,
                        item.lang,
                        item.kind,
                        "yes" if item.abstained else "no",
                        " ".join(json.loads(item.measure_ids)),
                        "" if rating is None else ("helpful" if rating.helpful else "not helpful"),
                        "" if rating is None else rating.comment,
                    ]
                )
            return out
