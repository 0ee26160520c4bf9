"""Matters another office handles (taxes, pensions, visas): that office is the next step, never a measure list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.answer.model import Turn, exchange
from service.answer.referrals import Referrals
from service.engine import Engine

from .support import DATA

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def referrals() -> Referrals:
    return Referrals.load(ROOT / "prompts" / "referrals.json")


def test_no_referral_word_is_printed_in_the_vision(referrals: Referrals) -> None:
    """A word the vision prints (インボイス, 社会保険労務士) makes a question the vision's, not another office's."""
    text = (ROOT / "corpus" / "setagaya_vision_ch3.txt").read_text(encoding="utf-8")
    printed = [(r.topic["en"], m.group()) for r in referrals.referrals for m in r.pattern.finditer(text)]
    assert printed == []


@pytest.mark.parametrize(
    ("question", "url"),
    [
        ("確定申告のやり方を教えて", "https://www.nta.go.jp/"),
        ("How do I file my tax return as a sole proprietor?", "https://www.nta.go.jp/"),
        ("残業代を払ってもらえない", "https://jsite.mhlw.go.jp/tokyo-roudoukyoku/"),
        ("年金をもらいながら働くと減らされると聞いたのですが、月にいくらまでなら大丈夫？", "https://www.nenkin.go.jp/"),
        ("相続税の申告はどこでするの？", "https://www.nta.go.jp/"),
        ("個人事業の開業届って、どこに出せばいいの？", "https://www.nta.go.jp/"),
        ("ちちの みせを つぐけど、そうぞくぜいは いくら かかるの？", "https://www.nta.go.jp/"),
        ("親から畑を相続するときの納税猶予って、どこで聞けばいい？", "https://www.nta.go.jp/"),
        ("Do I need a building permit to add a second floor to my house?", "https://www.city.setagaya.lg.jp/"),
        ("建設業許可の更新手続き、都庁でどうやるのか教えて", "https://www.toshiseibi.metro.tokyo.lg.jp/"),
        ("事業ゴミってどないして出したらええの？", "https://www.city.setagaya.lg.jp/"),
        ("What's the minimum hourly wage in Tokyo this year?", "https://jsite.mhlw.go.jp/tokyo-roudoukyoku/"),
        ("自宅の空き部屋で民泊を始めたい。届出はどこに出すの？", "https://www.city.setagaya.lg.jp/"),
        ("When does the next round of the METI subsidy for small firms open?", "https://www.tokyo-cci.or.jp/"),
        ("Do I need a permit for a bigger outdoor sign above my shop?", "https://www.city.setagaya.lg.jp/"),
        ("店の前の歩道に立て看板を出してもいいですか？", "https://www.city.setagaya.lg.jp/"),
        ("We hope to go public in five years. Where can we get advice on preparing?", "https://www.jpx.co.jp/"),
        ("パートさんの年末調整、書類はどう書けばいいの？", "https://www.nta.go.jp/"),
        (
            "開店記念に店の前の歩道でイベントをしたい。道路の使用許可ってどこで取るの？",
            "https://www.keishicho.metro.tokyo.lg.jp/",
        ),
        ("配達のトラックを店の前に停めておく許可はどこで取るの？", "https://www.keishicho.metro.tokyo.lg.jp/"),
        ("都営住宅に申し込みたいんですが、どこで手続きしますか？", "https://www.city.setagaya.lg.jp/"),
        ("How do I get on the waiting list for municipal housing?", "https://www.city.setagaya.lg.jp/"),
        ("うちの和菓子を台湾に輸出したい。ジェトロの補助ってどう申し込むの？", "https://www.jetro.go.jp/"),
        ("Any help with exporting our sake to the US?", "https://www.jetro.go.jp/"),
        ("アメリカから古着を輸入したい。関税とか通関の手続きって区で教えてくれる？", "https://www.customs.go.jp/"),
        ("What import duties will I pay on coffee beans from Ethiopia?", "https://www.customs.go.jp/"),
        (
            "Does the ward offer free Japanese classes I could take before I start applying?",
            "https://www.city.setagaya.lg.jp/",
        ),
        ("ネパール人のスタッフに日本語を勉強させたい。教室はある？", "https://www.city.setagaya.lg.jp/"),
        (
            "店の前のごみ集積所、カラスがひどい。収集の曜日を変えてもらうにはどこに言えば？",
            "https://www.city.setagaya.lg.jp/",
        ),
        ("燃えるごみの袋、店のは家庭用と分けないといけない？", "https://www.city.setagaya.lg.jp/"),
        ("Is there a cardboard pickup for small shops, or do I take it somewhere?", "https://www.city.setagaya.lg.jp/"),
        ("野良猫が店の裏に住みついてしまった。区ではどこが担当？", "https://www.city.setagaya.lg.jp/"),
        ("Who do I call about stray cats sleeping in our shop's storeroom?", "https://www.city.setagaya.lg.jp/"),
        # Words of those offices' own, as owners type them: romaji, a certificate, a tax, a check-up, a carer.
        ("My cook's zairyu card runs out in May, where does he renew it?", "https://www.moj.go.jp/isa/"),
        ("How do I apply for hoikuen for my son?", "https://www.city.setagaya.lg.jp/"),
        ("障害者手帳を作りたいんですが、どこで申請しますか？", "https://www.city.setagaya.lg.jp/"),
        ("ゲストハウスを始めたら宿泊税はお客さんからいくら取るの？", "https://www.tax.metro.tokyo.lg.jp/"),
        ("特定健診って自営業でも無料で受けられますか？", "https://www.city.setagaya.lg.jp/"),
        ("父にヘルパーさんを頼みたいんだけど、どこに申し込めばいい？", "https://www.city.setagaya.lg.jp/"),
    ],
)
def test_another_offices_matter_is_referred_there(engine: Engine, question: str, url: str) -> None:
    answer = engine.answer(question)
    assert answer.abstained and answer.kind == "none"
    assert answer.citations == []  # no measure list, not even the desk: it cannot help with this
    assert answer.next_step is not None and answer.next_step.url == url
    assert url in answer.text
    assert ("一般的なご案内" in answer.text) or ("general guidance" in answer.text)


def test_a_covered_need_beside_another_offices_matter_gets_both(engine: Engine) -> None:
    """Hiring a foreign cook is the vision's (its measure is cited); the visa is the immigration office's."""
    answer = engine.answer("I run a cafe and want to hire a foreign cook, but I don't understand the visa process")
    assert answer.kind == "measure" and not answer.abstained
    assert answer.citations[0].name == "外国籍区民雇用に関する理解の促進"
    assert answer.next_step is not None and answer.next_step.url == "https://www.moj.go.jp/isa/"
    assert "Immigration Services Agency" in answer.text


def test_a_consultation_asked_for_beside_a_pension_worry_is_the_visions(engine: Engine) -> None:
    """A 社労士 consultation in the ward is the vision's measure, though the worry is the pension office's."""
    answer = engine.answer("Pensions worry me as a sole trader. Anywhere in the ward I can talk to a 社労士?")
    assert answer.kind == "measure" and not answer.abstained
    assert "社会保険労務士相談" in answer.citations[0].name


def test_words_the_vision_prints_are_not_referred(engine: Engine) -> None:
    answer = engine.answer("社会保険労務士に相談したい")
    assert answer.kind == "measure"
    assert "社会保険労務士" in answer.citations[0].name
    assert "一般的なご案内" not in answer.text


OTHER_OFFICES = [
    json.loads(line) for line in (DATA / "other_offices.jsonl").read_text(encoding="utf-8").splitlines() if line
]


def test_other_offices_matters_in_many_wordings_get_no_measures(engine: Engine) -> None:
    """200 questions by a writer who never saw the code, each another office's matter (taxes, permits, police,
    consumer problems, banks…), often beside the asker's business: most get no measure as their answer."""
    desk = engine.composer.desk_measure_id
    answers = [engine.answer(p["question"]) for p in OTHER_OFFICES]
    measures = [[c for c in a.citations if c.primary and c.measure_id != desk] for a in answers]
    referred = [a for a, primary in zip(answers, measures, strict=True) if a.abstained and not primary]
    assert len(referred) / len(OTHER_OFFICES) >= 0.75


@pytest.mark.parametrize(
    ("question", "referred"),
    [
        ("I work at the ward office and I'm checking the measures for founders.", False),
        ("区役所で働いています。創業支援の事業を教えてください。", False),
        ("I'd like to work at the ward office. Are they hiring?", True),
        ("区役所で働きたいんですが、募集はありますか？", True),
    ],
)
def test_a_desk_officer_is_no_job_seeker(referrals: Referrals, question: str, referred: bool) -> None:
    """Desk staff say where they work; only someone who wants a ward job is sent to its recruitment pages."""
    assert (referrals.match(question) is not None) is referred


@pytest.mark.parametrize(
    ("question", "referred"),
    [
        ("Does Meguro ward give rent subsidies to new shops on its shopping streets?", True),
        ("渋谷区の創業支援の補助金って、世田谷に住んでても使えますか？", True),
        ("We're an NPO based in Meguro but most of our volunteers live in Setagaya. Can we propose a project?", False),
        ("杉並区に住んでいて、世田谷区で店を開きたいです。使える支援はありますか？", False),
        # The neighbouring cities beyond the 23 wards too.
        ("Does Kawasaki city have cheap industrial land? Thinking of moving my factory there.", True),
        ("川崎市の創業補助金はどうなっていますか", True),
        ("目黒区にも同じような融資の制度ってあるんですか？", True),
        ("目黒区にも住んでいたことがあります。世田谷で店を開くのに使える支援は？", False),
        ("I live in Kawasaki but my shop is in Setagaya. Can I still get the equipment subsidy?", False),
        # Turning to another ward after Setagaya's answer.
        ("ok and what about Nerima ward, are their grants any bigger?", True),
        ("練馬区だと補助金がもっと多いって本当？", True),
        ("練馬区だと家から遠いので、世田谷で店を開きたい。使える支援は？", False),
        ("and if my second shop ends up in Meguro, any of that over there too?", True),
        ("I used to work in Nerima, and I loved the shopping streets over there. Anything like them here?", False),
        # The other ward singled out as the side asked about; living on its side is no such question.
        ("目黒区のほうだと、それいくら出ます？", True),
        ("ちがうちがう、目黒区の方！お店目黒に出すかもだから", True),
        ("目黒区の方に住んでいて、世田谷で店を開きたいです。", False),
        ("Does Meguro ward next door offer the same thing?", True),
        ("My shop is in Meguro ward next door, but I live in Setagaya. Can I join the seminars?", False),
        # What the other ward offers for a thing, asked of.
        ("Do you know what Suginami ward offers for new cafes?", True),
    ],
)
def test_another_wards_programme_is_that_wards_but_living_there_is_not(
    referrals: Referrals, question: str, referred: bool
) -> None:
    """Another ward's subsidy is that ward's to explain; an asker who lives or is based there asks about Setagaya's."""
    match = referrals.match(question.lower())
    assert (match is not None and match.exclusive) is referred


def test_a_follow_up_of_another_offices_matter_is_referred_there(engine: Engine) -> None:
    """ "Where do I go to do that?" after a turn about a driving licence asks about the licence, not the measures
    of the conversation before the change of topic."""
    first = "Thanks for the info on the harassment consultation service."
    second = "Unrelated, but I need to swap my foreign driving licence for a Japanese one."
    history: list[Turn] = []
    for text in (first, second):
        history += exchange(text, engine.answer(text, history))
    answer = engine.answer("Where do I go to do that?", history)
    assert answer.abstained and answer.kind == "none"
    assert answer.next_step is not None and answer.next_step.url == "https://www.keishicho.metro.tokyo.lg.jp/"
    assert "driving licence" in answer.text


def test_a_longer_english_follow_up_of_another_offices_matter_is_referred_there(engine: Engine) -> None:
    """ "…renew it…" after a turn about a visa: English says in more letters what 「それ」 says in one."""
    history: list[Turn] = []
    for text in (
        "I'm a freelance consultant from the UK living in Setagaya.",
        "My spouse visa runs out in three months.",
    ):
        history += exchange(text, engine.answer(text, history))
    answer = engine.answer("Where do I go to renew it and how long does it take?", history)
    assert answer.abstained and answer.kind == "none"
    assert not [c for c in answer.citations if c.primary]
    assert "visa" in answer.text or "residence" in answer.text


def test_a_thing_wanted_beside_another_offices_word_is_the_visions(engine: Engine) -> None:
    """Security cameras on the street lights: the cameras are a shopping-street measure's (street lights alone are
    the roads section's), and the turns after it stay on that measure rather than on the roads section."""
    history: list[Turn] = []
    turns = ("商店会長やってます", "街灯のところに防犯カメラ付けたいって声が多くて", "でも維持費が会費じゃまかなえない")
    for text in turns:
        answer = engine.answer(text, history)
        history += exchange(text, answer)
    answer = engine.answer("区で補助でてましたっけ？", history)
    assert answer.kind == "measure" and not answer.abstained
    assert answer.citations[0].name == "商店街が担う公共的役割への支援"
    assert "道路" not in answer.text


def test_a_claim_about_the_measure_just_shown_keeps_it_beside_the_other_office(engine: Engine) -> None:
    """「その証明書があれば登記の税金が半額」 is a claim about the start-up programme just shown: the vision does not
    state it, the programme is named, and company registration's office is the next step, not the whole answer."""
    history: list[Turn] = []
    first = "創業セミナーに出ると証明書がもらえるって本当？"
    history += exchange(first, engine.composer.compose(first, history))
    answer = engine.composer.compose("その証明書があれば会社の登記の登録免許税が半額になるんですよね？", history)
    assert answer.kind == "none" and answer.abstained
    assert answer.citations[0].name == "区民の起業・創業の促進（特定創業支援事業等の実施）"
    assert answer.next_step is not None and "houmukyoku" in (answer.next_step.url or "")


def test_the_wards_top_up_of_a_tokyo_scheme_is_the_wards(engine: Engine) -> None:
    """The ward adding to a Tokyo scheme (「東京都の制度に、区が少し足して補助」) is the ward's own measure, the
    scholarship-repayment support that prints exactly that; Tokyo's own subsidy is still Tokyo's to explain."""
    answer = engine.answer("新卒の奨学金の返済を会社が手伝う東京都の制度に、区が少し足して補助してくれると聞きました。")
    assert answer.kind == "measure" and not answer.abstained, answer.text
    assert answer.citations[0].name == "「奨学金返還支援事業」を活用した登録企業の支援"
    tokyo = engine.answer("東京都の創業の補助金はどこで申し込むの？")
    assert tokyo.abstained and tokyo.next_step is not None
    assert tokyo.next_step.url == "https://www.tokyo-kosha.or.jp/"


@pytest.mark.parametrize(
    ("turns", "question", "url"),
    [
        (
            ["農業をやってる者ですが、区の支援ってありますか"],
            "農家だと確定申告の相談もそこでできるの？",
            "https://www.nta.go.jp/",
        ),
        (
            ["Is there career counselling for foreign residents?"],
            "and can the ward help me claim my pension lump sum when I go home?",
            "https://www.nenkin.go.jp/",
        ),
        # Which of the matter itself is asked (a residence status), not help with hiring.
        (
            ["We employ two Nepali cooks. Does the ward help employers of foreign staff?"],
            "Which residence status would a new kitchen hire need, and how long does it take?",
            "https://www.moj.go.jp/isa/",
        ),
        (
            ["外国人のスタッフを雇いたい。区の支援はある？"],
            "調理の仕事ならどんな在留資格が要るの？",
            "https://www.moj.go.jp/isa/",
        ),
        # How to get the matter itself done.
        (
            ["Our café is taking on a barista from Nepal. Is there ward support for employers of foreign staff?"],
            "Actually what I need is how to renew her residence card — where do we go for that?",
            "https://www.moj.go.jp/isa/",
        ),
        (
            ["My uncle grows vegetables in Setagaya. Anything from the ward to keep small farms going?"],
            "He'd like to take on a trainee from the Philippines. How do we handle the visa for that?",
            "https://www.moj.go.jp/isa/",
        ),
        # Whether the matter itself is needed.
        (
            ["I run a small Airbnb in Setagaya and just joined the ward's tourism association"],
            "do i need a minpaku license for that and how many nights a year can i rent?",
            "https://www.city.setagaya.lg.jp/",
        ),
        (
            ["I want to start selling our sake online. Does the ward help with building an online shop?"],
            "Do I need a separate liquor licence for selling online, and how do I get one?",
            "https://www.nta.go.jp/",
        ),
    ],
)
def test_help_with_another_offices_matter_itself_is_referred_there(
    engine: Engine, turns: list[str], question: str, url: str
) -> None:
    """The other office's matter is the very thing the help asked is for (「確定申告の手続きもそこで」, "help us with
    our social insurance"): that office, not the measures the conversation was about."""
    history: list[Turn] = []
    for text in turns:
        history += exchange(text, engine.answer(text, history))
    answer = engine.answer(question, history)
    assert answer.abstained and answer.kind == "none", answer.text
    assert not [c for c in answer.citations if c.primary]
    assert answer.next_step is not None and answer.next_step.url == url


def test_another_offices_matter_the_asker_did_not_mean_is_not_referred(engine: Engine) -> None:
    """ "Sorry, I wasn't asking about work permits. I mean how to treat foreign staff fairly": the hiring measure,
    not the immigration office."""
    history: list[Turn] = []
    first = "We're hiring from abroad for the first time. What should we know?"
    history += exchange(first, engine.answer(first))
    question = (
        "Sorry, I wasn't asking about work permits. I mean how to treat foreign staff fairly as an employer"
        " — any seminars from the ward?"
    )
    answer = engine.answer(question, history)
    assert answer.kind == "measure" and not answer.abstained, answer.text
    assert answer.citations[0].name == "外国籍区民雇用に関する理解の促進"


@pytest.mark.parametrize(
    ("question", "referred"),
    [
        ("Which international schools in Setagaya accept kids mid-year?", True),
        ("子どもをインターナショナルスクールに入れたいんですが", True),
        ("I teach at an international school, and our students want to meet real founders.", False),
        ("インターナショナルスクールで教えています。生徒に起業のことを学ばせたい", False),
    ],
)
def test_a_school_is_the_education_boards_only_when_a_place_at_it_is_sought(
    referrals: Referrals, question: str, referred: bool
) -> None:
    """A place at an international school is the education board's matter; a teacher or student there asking for the
    ward's entrepreneurship programmes is not."""
    match = referrals.match(question.lower())
    assert (match is not None and match.where["en"] == "the Setagaya Board of Education") is referred


@pytest.mark.parametrize("question", ["政府の補助金ってある？", "都市農業の支援ってある？"])
def test_the_government_and_a_city_farm_are_no_other_municipality(referrals: Referrals, question: str) -> None:
    """「政府の補助金」 and 「都市農業」 end in 府 and 市 without naming a city or prefecture elsewhere."""
    match = referrals.match(question)
    assert match is None or match.topic["en"] != "other municipalities' programmes"


@pytest.mark.parametrize(
    "question",
    [
        "Which realtor around here would pay the most for our old shop building?",
        "どこの不動産屋さんが一番高く買い取ってくれるかな？",
        "For bookkeeping, is Yayoi or freee easier for a small cafe?",
        "How much is TEPCO charging small restaurants per kWh these days?",
        "東京ガスの業務用の料金っていくら？",
    ],
)
def test_a_private_companys_service_or_price_is_the_companys_to_answer(engine: Engine, question: str) -> None:
    """Which realtor, software or utility to choose, or what one charges: the vision names and recommends no company,
    so no measure is listed; the companies themselves are the next step."""
    answer = engine.answer(question)
    assert answer.abstained and answer.kind == "none", answer.text
    assert answer.citations == [], answer.citations
    assert "companies themselves" in answer.text or "各社の窓口" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "こくほの保険料が高すぎる、どこに相談すればいい？",
        "Is there a nihongo class for my kitchen staff near Sangenjaya?",
    ],
)
def test_another_offices_matter_in_kana_or_romaji_is_referred_there(referrals: Referrals, question: str) -> None:
    """こくほ for 国保, "nihongo" for Japanese: the office's matter as owners type it."""
    assert referrals.match(question.lower()) is not None


@pytest.mark.parametrize(
    "question",
    [
        "Which programme would be best for a company like ours? We make furniture.",
        "What's the best help for my company? We are a small bakery.",
        # 「うちみたいな会社だとどれがいい？」 asks which measure suits the asker's company.
        "うちみたいな小さい会社だとどれがいいですか？",
        "小さい会社ならどの支援がいい？",
    ],
)
def test_the_best_programme_for_a_company_is_no_company_chosen(referrals: Referrals, question: str) -> None:
    """ "Which programme would be best for a company like ours?" asks which measure fits the asker's company: no
    company is being chosen, so it is not referred to the companies."""
    match = referrals.match(question.lower())
    assert match is None or not match.topic["en"].startswith("choosing a private company"), match


def test_help_filing_a_tax_return_is_the_tax_offices_whoever_asks(engine: Engine) -> None:
    """ "help filing his first blue-form tax return" asks for help with the tax return itself: the tax office, not
    the measures for founders a desk officer asked about before."""
    turn = "grants for founders in setagaya"
    history: list[Turn] = exchange(turn, engine.composer.compose(turn))
    answer = engine.composer.compose(
        "the same client is also asking for help filing her first annual tax return as a freelancer. how?", history
    )
    assert answer.abstained and answer.kind == "none", answer.text
    assert "tax" in answer.text.lower(), answer.text


_COMPANIES = "choosing a private company, product or service, and what it charges"
_DOCTORS = "hospitals and doctors"
_FIRST_AID = "first aid and CPR (how to use an AED)"
_CHILDCARE = "welfare, childcare, long-term care and disability services"


@pytest.mark.parametrize(
    ("question", "office"),
    [
        # 「仲介会社ってどこがおすすめ？」 chooses a company, as "which broker is best?" does.
        ("事業を売るならM&Aの仲介会社ってどこがおすすめですか？", _COMPANIES),
        ("業務用の冷蔵庫、リース業者ってどこが安い？", _COMPANIES),
        # A bone-setter nearby, or which department to see.
        ("肩こりがひどくて、駅の近くのいい接骨院ってご存じないですか？", _DOCTORS),
        ("母の物忘れが心配で、病院で診てもらうなら何科がいいでしょう？", _DOCTORS),
        ("What pace should CPR be on an adult, roughly?", _FIRST_AID),
        ("胸骨圧迫って1分間に何回押せばいいんでしたっけ？", _FIRST_AID),
        ("Is there an after-school club near Kyodo with space for my son?", _CHILDCARE),
        ("学童に空きがあるか、どこで聞けばいい？", _CHILDCARE),
    ],
)
def test_a_company_a_clinic_first_aid_and_after_school_care_go_to_their_offices(
    referrals: Referrals, question: str, office: str
) -> None:
    """Which broker or leasing firm to choose: the companies'. A clinic or a doctor's department: the medical guide's.
    How to give CPR (the vision subsidises shopping streets' AEDs, not life-saving): the fire department's courses. A
    place at an after-school club: the ward's childcare services."""
    match = referrals.match(question)
    assert match is not None and match.topic["en"] == office, match


def test_an_aed_for_a_shopping_street_is_still_the_ward_measure(engine: Engine) -> None:
    """Installing an AED is the shopping streets' public role the ward subsidises: no referral to first aid."""
    answer = engine.composer.compose("商店街にAEDを置きたい。区の補助はある？")
    assert answer.kind == "measure" and not answer.abstained, answer.text
    assert any("商店街が担う公共" in c.name for c in answer.citations), answer.text
