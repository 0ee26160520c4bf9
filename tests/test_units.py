"""Pure functions, tested alone: streaming pieces, follow-up detection, ids and keys, failure kinds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.parser import measure_id, running_header
from ingest.text import comparison_key
from service.answer.question import analyze
from service.api.streaming import text_pieces
from service.feedback import wording_key
from service.llm.generation import _failure
from service.search.keyword import JapaneseTokenizer
from service.search.language import detect_language
from service.search.retrieval import query_cache_key

MARKER = re.compile(r"\[\d+\]")
answer_text = st.lists(
    st.one_of(st.text(alphabet="融資の目標は件です。 abcR9", max_size=30), st.integers(1, 99).map(lambda n: f"[{n}]"))
).map("".join)


@given(answer_text, st.integers(min_value=1, max_value=40))
def test_text_pieces_rebuild_the_text_and_keep_markers_whole(text: str, size: int) -> None:
    pieces = list(text_pieces(text, size))
    assert "".join(pieces) == text
    assert all(pieces)
    # A marker is never cut: the markers of the pieces are the markers of the text.
    assert [m for p in pieces for m in MARKER.findall(p)] == MARKER.findall(text)
    # Every piece but the last is at least `size` long (the stream is not one character at a time).
    assert all(len(p) >= size for p in pieces[:-1])


def test_text_pieces_waits_for_a_marker_to_close() -> None:
    assert list(text_pieces("abc[12]def", 4)) == ["abc[12]", "def"]
    assert list(text_pieces("", 4)) == []


@pytest.mark.parametrize(
    "question",
    [
        "その目標値は？",
        "それはどこで申し込めますか",
        "この事業の内容は？",
        "他に支援はありますか",
        "じゃあ商店街向けは？",
        "what about for shops?",
        "And the other years?",
        "What are its targets?",
        "how about R13?",
        "あれって何人くらい来る予定？",
        "あそこは誰でも使えるの？",
        # Longer than a short pointer, yet pointing back with the object of a preposition closing a clause.
        "How many people are they hoping will sign up for it by the end of FY2031, do you know?",
        # The same asked for another case, which the turn ends on.
        "中学生だったら？",
        "うちは喫茶店なんですけど、飲食店の場合は？",
    ],
)
def test_follow_up_wordings(question: str) -> None:
    assert analyze(question).follow_up


@pytest.mark.parametrize(
    "question",
    [
        "融資を受けたい",
        "事業承継の相談はどこでできますか",
        "Is there a low-interest loan for small businesses?",
        "How many advisor dispatches to shopping streets are planned for R9?",
        # A long question naming its subject stands alone even if it starts like a follow-up.
        "その他の区内事業者が利用できる融資あっせん制度と利子補給の条件について詳しく知りたいのですが",
        "Is there any help for those who lost their jobs in Setagaya and want to start over in a new trade?",
        # "that" names what the turn itself has just said, in a clause before it.
        "We would really like to start hiring people with disabilities — is there any support for that?",
        "I want to learn proper bookkeeping for my small shop this year. Are there any classes for that?",
    ],
)
def test_standalone_questions_are_not_follow_ups(question: str) -> None:
    assert not analyze(question).follow_up


@pytest.mark.parametrize(
    ("question", "counts"),
    [
        ("商店街のAEDは全部でいくつですか", True),
        ("令和9年度は何件？", True),
        # 「いくつか」 is "some", asking no count.
        ("開業に使える支援をいくつか教えてもらえますか", False),
        ("お客さんに合いそうな制度をいくつかご案内しました", False),
    ],
)
def test_some_is_no_count(question: str, counts: bool) -> None:
    assert analyze(question).wants_number is counts


@pytest.mark.parametrize(
    ("question", "procedure"),
    [
        ("What are the steps to apply for the start-up subsidy?", True),
        ("what steps to join the farm programme?", True),
        # The steps of the asker's own case are advice to ask for, not a procedure the vision would print.
        ("My father is closing his factory. Who could tell us what steps to take?", False),
    ],
)
def test_steps_to_take_ask_for_advice(question: str, procedure: bool) -> None:
    assert (analyze(question).detail == "application") is procedure


@pytest.mark.parametrize(
    ("question", "detail"),
    [
        # What a client wonders about, told before a bare "do you know?", is the detail asked.
        ("お客様が、説明会に出るのに参加費がいるのかと心配されています。ご存じですか？", "fee"),
        # A count done in a past year is a result, which the vision does not print.
        ("how many start-up grants did the ward hand out last year?", "results"),
        # A percentage asked with "how much at most": the cap (and the rate), not how much of a share counted.
        ("それって何パーセントもらえるの？一番多くていくら？", "amount"),
        # Whom to reach is a contact the vision does not print; someone to talk things over with is a consultation.
        ("Is it still available this year, and who do I email about it?", "contact"),
        ("who should my dad ring about the grant? who do we phone?", "contact"),
        # Coming with a small child is a condition of taking part, which the vision does not print.
        ("Is there childcare available while I'm at the seminar? Can I bring my 3 year old?", "eligibility"),
        ("子連れで説明会に参加してもいいですか？", "eligibility"),
        # Whether the programme shown covers the asker's case.
        ("is that one open to people like us? we only lease the unit", "eligibility"),
    ],
)
def test_details_asked_in_other_words(question: str, detail: str) -> None:
    assert analyze(question).detail == detail


@pytest.mark.parametrize(
    "question",
    [
        # Which programme fits is asked, not who may use one.
        "事務局です。イベントの人手が足りないんだけど、何が使える？",
        # Paying by phone is the thing wanted, not a phone number.
        "携帯電話で払う仕組みを入れたいお店を、区は応援してくれるんでしょうか。",
        "お客さんが携帯電話で支払いできるようにしたいんですが、区でそういうのやってらっしゃいますか。",
        # Childcare as the asker's own circumstance, not a service asked of a programme.
        "My wife wants flexible part-time work around childcare — is there advice on different ways of working?",
        # Whether there is a programme the asker may join, not who may join the one shown.
        "うちは美容室なんだけど、建設業じゃなくても使える似たようなのある？",
        # Money the ward gives towards a need is a subsidy asked for, not an amount.
        "区で何か出してくれるお金ってあるのかね？",
    ],
)
def test_a_programme_asked_for_is_no_detail(question: str) -> None:
    assert analyze(question).detail is None


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        # Companies and people, as typed in a hurry.
        ("how many cos does it back a year?", "社"),
        ("how many ppl come to those?", "人"),
        # The recipients of the thing pointed back at are counted as it is (a subsidy's grants).
        ("how many ppl get that?", "件"),
    ],
)
def test_counters_typed_in_a_hurry(question: str, unit: str) -> None:
    units = analyze(question).units
    assert units is not None and unit in units


@pytest.mark.parametrize(
    ("question", "year"),
    [
        # A plan year asked on its own, 度 left off.
        ("ほな13年は？", "R13"),
        ("じゃあ6年は", "R6"),
        # A length of time, not a year.
        ("13年やってる店です", None),
        # A sentence checking the year already given asks nothing new.
        ("You said 110 units for FY2027, right? And for FY2031?", "R13"),
        ("令和9年度は835台でしたっけ？令和13年度は？", "R13"),
    ],
)
def test_the_year_asked(question: str, year: str | None) -> None:
    assert analyze(question).year == year


@pytest.mark.parametrize(
    ("question", "checks"),
    [
        ("それって設備の補助じゃなくて、ネット広告にも使えるほうのことで合ってる？", True),
        ("専門家が来てくれる方の話で合ってます？", True),
        # A reading of what the programme gives, put up for a yes, is a claim.
        ("採択されたら区が出資してくれるってことで合ってる？", False),
        ("2027年度も年45回ってことで合ってる？", False),
    ],
)
def test_which_programme_was_meant_is_checked(question: str, checks: bool) -> None:
    analysis = analyze(question)
    assert analysis.checks_which_one is checks
    assert analysis.premise is False or not checks


def test_the_words_asking_how_much_are_no_part_of_the_subject() -> None:
    """ "how much does the ward pay per employee?" is about the ward paying per employee: "how much does" only asks."""
    assert analyze("how much does the ward pay per employee?").subject == "the ward pay per employee?"


def test_measure_ids_are_namespaced() -> None:
    assert measure_id("経営相談窓口の充実") == "m-bf3bbb44"  # the vision's id, namespace ""
    assert measure_id("経営相談窓口の 充実") == "m-bf3bbb44"  # spacing does not change it
    assert measure_id("経営相談窓口の充実", "kanko-ch4") != "m-bf3bbb44"
    assert measure_id("経営相談窓口の充実", "kanko-ch4") != measure_id("経営相談窓口の充実", "other")
    assert re.fullmatch(r"m-[0-9a-f]{8}", measure_id("x", "kanko-ch4"))


def test_comparison_key() -> None:
    assert comparison_key("「ＳＥＴＡＧＡＹＡ ＰＯＲＴ」") == comparison_key("SETAGAYAPORT")


def test_running_header_is_the_repeated_chapter_line() -> None:
    page = ["本文です。", ""]
    lines = [" 4 観光の方向性", *page, " 4 観光の方向性", *page, "4 観光の方向性", "12 34 56 件"]
    assert running_header(lines) == "4 観光の方向性"
    assert running_header([" 4 観光の方向性", *page]) is None  # printed once: not a running header


def test_the_two_question_keys() -> None:
    # The query cache keeps case and punctuation (they can change the embedding) ...
    assert query_cache_key("  融資　を\t受けたい ") == "融資 を 受けたい"
    assert query_cache_key("Loan?") != query_cache_key("loan")
    # ... while insights group wordings that differ only in case, width, spaces and punctuation.
    assert wording_key("今日の天気は？") == wording_key("今日の 天気は?") == "今日の天気は"
    assert wording_key("Loan?") == wording_key("loan")


def test_language_detection() -> None:
    assert detect_language("ﾛｰﾝ") == "ja"  # half-width katakana
    assert detect_language("loan for shops") == "en"
    # English grammar carries a sentence that quotes a Japanese term, with or without hiragana in it ...
    assert detect_language("so that is with a 中小企業診断士, right?") == "en"
    assert detect_language("is the ふれあい農園 open for kids?") == "en"
    # ... while Japanese with a Latin name, a keyword query or romaji stays as it was.
    assert detect_language("せたがやPayって何？") == "ja"
    assert detect_language("AED 何台 R9") == "ja"
    assert detect_language("SETAGAYA PORTの会員数は？") == "ja"


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (TimeoutError("slow"), "timeout"),
        (type("ReadTimeout", (Exception,), {})("x"), "timeout"),
        (ConnectionRefusedError("refused"), "unreachable"),
        (type("APIConnectionError", (Exception,), {})("x"), "unreachable"),
        (ValueError("bad output"), "model_error"),
    ],
)
def test_failure_codes(exc: Exception, kind: str) -> None:
    problem = _failure(exc)
    assert problem.code == kind and type(exc).__name__ in problem.detail


@pytest.mark.parametrize(
    "question", ["そういう相談会、令和9年度は何回ひらく？", "ok thanks. what about a place to work outside my flat?"]
)
def test_pointing_back_and_connectives_continue_the_conversation(question: str) -> None:
    assert analyze(question).follow_up


def test_topic_words_are_nouns_and_verbs() -> None:
    words = JapaneseTokenizer().topic_words("もうちょっと新しいことにチャレンジしたい。Need some advice")
    assert "チャレンジ" in words and "advice" in words
    assert not {"もう", "ちょっと", "一寸", "新しい", "したい"} & words


def test_an_adjectival_stem_made_a_noun_names_a_topic() -> None:
    """多様性 is 多様 (an adjectival stem) and 性: a noun, naming diversity; 多様な alone names nothing."""
    tokenize = JapaneseTokenizer()
    assert "多様性" in tokenize.topic_words("会社として多様性とか勉強できる場ってあるん？")
    assert not {"多様", "多様性"} & tokenize.topic_words("多様な働き方")


def test_capital_acronyms_name_a_topic_and_the_pronoun_does_not() -> None:
    """The vision prints IT and DX; "IT tools" names IT, "is it free" names nothing (and "ok" is no acronym)."""
    tokenize = JapaneseTokenizer()
    assert "IT" in tokenize.topic_words("By when do I apply for the IT tools subsidy?")
    assert "DX" in tokenize.topic_words("ＤＸを進めたい")
    assert not {"IT", "it", "ok"} & tokenize.topic_words("is it free? ok")


def test_hyphenated_english_words_also_count_whole() -> None:
    """The guide writes "start-up" and "business-matching"; users type "startup" and "business matching"."""
    tokenize = JapaneseTokenizer()
    assert {"start", "up", "startup"} <= set(tokenize("Start-up seminars"))
    assert "businessmatching" in tokenize.topic_words("a business-matching service")
    assert "startup" not in tokenize("start up")
