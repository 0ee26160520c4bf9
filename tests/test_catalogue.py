"""The catalogue must hold every row of the vision exactly as printed."""

from __future__ import annotations

import json

import pytest

from ingest.catalogue import NO_TARGET, Catalogue, MeasureRow
from ingest.parser import measure_id

from .support import DATA


def find_row(cat: Catalogue, initiative: str, name: str) -> MeasureRow:
    rows = [r for r in cat.rows if r.initiative == initiative and r.name == name]
    assert len(rows) == 1, f"{initiative} {name}: {len(rows)} rows"
    return rows[0]


def test_counts(catalogue: Catalogue) -> None:
    assert len(catalogue.policies) == 4
    assert len(catalogue.goals) == 11
    assert len(catalogue.initiatives) == 38
    assert len(catalogue.rows) == 137
    assert sum(r.reprint for r in catalogue.rows) == 67
    assert sum(len(r.indicators) for r in catalogue.rows) == 150
    assert len(catalogue.measures) == 70


def test_policies_and_goals(catalogue: Catalogue) -> None:
    assert catalogue.policies[1].title == (
        "誰もが自己の個性及び能力を発揮することができる働きやすい環境を整備し、起業の促進及び多様な働き方の実現を図る"
    )
    assert catalogue.policies[3].title == "地域経済の持続可能性を考慮した事業活動及びエシカル消費の推進を図る"
    assert [g.policy for g in catalogue.goals] == [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4]
    assert catalogue.goals[6].title == "アントレプレナーシップ（起業家精神）が発揮されやすい世田谷区"
    assert catalogue.goals[2].intro.startswith("基本的方針1「区民生活を支える")


def test_initiatives(catalogue: Catalogue) -> None:
    codes = [i.code for i in catalogue.initiatives]
    per_goal = [5, 7, 3, 4, 3, 3, 3, 2, 2, 3, 3]
    assert codes == [f"{g}-{n}" for g, count in enumerate(per_goal, start=1) for n in range(1, count + 1)]
    succession = catalogue.initiative("3-1")
    assert succession is not None
    assert succession.title == "円滑な事業承継に向けた顔の見える環境の構築"
    assert len(succession.bullets) == 3
    assert succession.bullets[2] == "廃業した事業者に対して、再チャレンジに向けた支援を行います。"
    # A bullet continued over a page break is one bullet.
    assert catalogue.initiative("2-4") is not None
    assert len(catalogue.initiative("2-4").bullets) == 3  # type: ignore[union-attr]


# (initiative, name, reprint, description start, [(label, R6, R9, R13, unit), ...])
ROWS = [
    ("1-1", "地域経済循環の推進（せたがやPay事業の実施）", False, "「せたがやPay」の運営を支援し",
     [("せたがやPayアプリ利用者の継続利用率", "75", "75", "75", "％")]),
    ("1-1", "商店街が担う公共的役割への支援", False, "AED、防犯カメラ、スタンドパイプ等の設置・維持管理補助",
     [("AEDの設置台数", "105", "110", "115", "台"), ("スタンドパイプの設置台数", "15", "20", "25", "台"),
      ("防犯カメラの設置台数", "830", "835", "840", "台")]),
    ("1-1", "商店街のマネジメント機能の育成", False, "顧問的診断士の活用によって",
     [("顧問的診断士の派遣数", "33", "33", "33", "件")]),
    ("1-3", "農福連携の推進（障害者施設等を対象とした農作業体験会や地域イベントの実施）", False, "区内農地の保全および",
     [("農福連携事業を通じた区内就職者数", "15", "15", "15", "人")]),
    ("1-3", "農業者と区民とのふれあいの場の創出", False, "区内の農業は、区民から顔が見える",
     [("ふれあい農園開園数", "58", "60", "60", "箇所"), ("農業体験農園開園数", "5", "5", "5", "箇所"),
      ("農作業体験塾実施園数", "9", "9", "9", "箇所"), ("野菜作り講習会実施園数", "1", "1", "1", "園"),
      ("花栽培実施小学校数", "30", "30", "30", "校")]),
    ("1-4", "区民が行う工事に関し、区内事業者が受注できる機会の創出", False, "民間事業においても",
     [("エコ住宅補助事業に基づく工事の実施件数", "1,669", "3,839", NO_TARGET, "件")]),
    ("1-4", "建設業従事者の離職防止", False, "区内企業の経営者（管理者）とメンター",
     [("定着促進セミナーの開催回数", "7", "7", "7", "回")]),
    ("2-1", "融資あっせん及び利子補給による事業者負担の軽減", False, "区内中小事業者の事業経営に必要な資金",
     [("融資あっせん件数", "1,750", "1,850", "1,900", "件")]),
    ("2-1", "経営相談窓口の充実", False, "中小事業者の経営に係る総合相談窓口を設け",
     [("経営相談件数", "650", "700", "700", "件")]),
    ("2-2", "地域連携型ハンズオン支援の実施", True, "区内で新規プロジェクトの事業化等",
     [("事業実施前と比較し、売上変動が好転した事業者数の増加", "80", "80", "80", "事業者")]),
    ("2-2", "販路拡大やITの活用推進支援", False, "区内中小事業者による販路拡大を目的とする",
     [("補助件数", "25", "25", "25", "件")]),
    ("2-4", "産業情報の発信強化（取引適正化に関するガイドライン等の情報提供）", False, "個人事業主やフリーランスに",
     [("取引適正化に関するガイドライン等の情報発信（メールマガジン配信数）", "6", "6", "6", "回")]),
    ("2-7", "新たな価値を創出する事業者・人材の育成、区内産業のイノベーションの創出（事業者と区内のオフィス、店舗等とのマッチングの促進）",
     False, "新たな産業活性化拠点整備事業において、区内の不動産事業者",
     [("区内のオフィス、店舗等の紹介件数", NO_TARGET, "5", "5", "件")]),
    ("3-1", "事業承継の円滑な推進（事業承継プラットフォームの構築）", False, "事業承継や廃業を検討する事業者の情報収集",
     [("プラットフォームへの新規掲載事業者数", "5", "20", "40", "社")]),
    ("3-2", "公共的役割を担う産業団体等の活動への支援", False, "地域で公共的役割を担う団体が取組む事業",
     [("商店街への支援件数", "127", "127", "127", "団体"), ("公衆浴場への支援件数", "20", "20", "20", "団体"),
      ("産業団体等への支援件数", "10", "10", "10", "団体")]),
    ("3-3", "新たな価値を創出する事業者・人材の育成、区内産業のイノベーションの創出（開かれた常設の学びの場の構築）",
     False, "",
     [("常設の学びの場の解放日数", NO_TARGET, "300", "300", "日")]),
    ("4-1", "地域連携型ハンズオン支援の実施（研修型スクール事業・交流会）", False, "",
     [("スクール受講生又は交流会参加数", "50", "50", "50", "人")]),
    ("4-3", "区民の起業・創業の促進（特定創業支援事業等の実施）", False, "",
     [("創業支援事業における創業相談等の実施回数", "92", "92", "92", "回"),
      ("創業支援事業を受けた証明書の発行者数", "400", "500", "600", "人")]),
    ("5-1", "高齢者就労メニューのさらなる充実（R60-SETAGAYA-及びシルバー人材センター）", False, "",
     [("R60-SETAGAYA-のセミナーの開催回数", "7", "7", "7", "回")]),
    ("6-1", "勤労者福祉機能等の向上（セラ・サービスの充実）", False, "",
     [("セラ・サービスの会員数", "8,000", "8,400", "9,200", "人")]),
    ("6-2", "ハラスメント相談外部委託サービスの実施", False, "", [("契約件数", "18", "18", "18", "件")]),
    ("6-3", "外国籍区民雇用に関する理解の促進", False, "", [("「セミナー＆相談」の実施回数", "1", "1", "1", "回")]),
    ("7-2", "区内起業・創業チャレンジ支援", False, "", [("補助件数", "20", "20", "20", "件")]),
    ("7-3", "産業交流による新たな産業の創出（SETAGAYA PORTを通じた多様な人々の交流推進）", True, "",
     [("SETAGAYA PORTの新規会員登録者数（累計）", "5,100", "6,900", "7,500", "人")]),
    ("8-1", "産業視点からの福祉事業の課題解決（せせせプロジェクトの実施）", False, "",
     [("せせせプロジェクトイベントの開催回数", "5", "5", "5", "回")]),
    ("9-1", "地域・社会課題解決に向けたソーシャルビジネスの推進（ソーシャルビジネス・コミュニティビジネス支援事業の実施）",
     False, "", [("ソーシャルビジネス補助交付件数", "5", "5", "5", "件")]),
    ("10-1", "まちなか観光の推進（まちなか観光交流協会への理解と参画の促進）", False, "",
     [("世田谷まちなか観光交流協会会員数の増加", "3", "3", "3", "会員数")]),
    ("10-1", "まちなか観光の推進（まちなか観光交流協会の活動の活性化）", False, "世田谷まちなか観光交流協会を通じて",
     [("世田谷まちなか観光交流協会の活動回数（イベント等事業回数）", "13", "19", "19", "回")]),
    ("11-1", "持続可能な消費者行動の推進（子ども向けの啓発チラシを活用した学習機会の提供）", False, "",
     [("啓発チラシの配布枚数", "10,000", "10,000", "10,000", "部")]),
    ("11-2", "持続可能な事業者行動の推進（エシカル消費に賛同する事業者に対して、「賛同事業者ステッカー」の配布等の実施）",
     False, "", [("賛同事業者数", "30", "20", "20", "事業者")]),
    ("11-3", "産業情報の発信強化（脱炭素等環境に関する情報発信）", False, "",
     [("脱炭素など産業分野における環境に関する啓発活動回（メールマガジンによる配信）", "6", "6", "6", "回")]),
]  # fmt: skip


@pytest.mark.parametrize(("initiative", "name", "reprint", "description", "indicators"), ROWS)
def test_row_fields(
    catalogue: Catalogue,
    initiative: str,
    name: str,
    reprint: bool,
    description: str,
    indicators: list[tuple[str, str, str, str, str]],
) -> None:
    row = find_row(catalogue, initiative, name)
    assert row.reprint is reprint
    assert row.description.startswith(description)
    assert row.description.endswith("。")
    assert [(i.label, i.r6, i.r9, i.r13, i.unit) for i in row.indicators] == indicators
    assert row.span.first_line <= row.indicators[-1].span.last_line == row.span.last_line


def test_every_goal_has_table_rows(catalogue: Catalogue) -> None:
    """Every goal's 重点事業 table was read: rows sit under every goal, and under initiatives it lists."""
    goals = {i.code: i.goal for i in catalogue.initiatives}
    assert {goals[r.initiative] for r in catalogue.rows} == {g.number for g in catalogue.goals}


def test_no_target_is_not_a_number(catalogue: Catalogue) -> None:
    row = find_row(catalogue, "1-4", "区民が行う工事に関し、区内事業者が受注できる機会の創出")
    assert row.indicators[0].r13 == NO_TARGET
    assert not row.indicators[0].is_set(row.indicators[0].r13)
    assert row.indicators[0].is_set(row.indicators[0].r9)


def test_letter_spacing_removed_but_latin_spaces_kept(catalogue: Catalogue) -> None:
    names = {r.name for r in catalogue.rows}
    assert "農福連携の推進（障害者施設等を対象とした農作業体験会や地域イベントの実施）" in names
    assert not any("  " in n or " の" in n for n in names)
    port = [r for r in catalogue.rows if "SETAGAYA PORT" in r.name]
    assert len(port) > 5
    assert all("SETAGAYAPORT" not in r.name + r.description for r in catalogue.rows)


def test_line_spans_point_at_the_printed_row(catalogue: Catalogue, corpus_lines: list[str]) -> None:
    row = find_row(catalogue, "2-1", "融資あっせん及び利子補給による事業者負担の軽減")
    printed = corpus_lines[row.span.first_line - 1 : row.span.last_line]
    assert printed[0].startswith("融資あっせん及び")
    assert printed[-1] == "件数 1,750 1,850 1,900 件"


def test_reprints_join_their_measure(catalogue: Catalogue) -> None:
    hands_on = catalogue.measure(measure_id("地域連携型ハンズオン支援の実施"))
    assert hands_on is not None
    assert hands_on.initiatives == ["1-1", "2-2", "4-1", "4-2", "4-3", "7-2"]
    assert [r.reprint for r in hands_on.rows] == [False, True, True, True, True, True]
    # Reprinted under a shorter name: still the same measure.
    recruit = find_row(
        catalogue, "5-1", "地域産業の経営戦略の基盤となる人材採用（区内中小企業等人材マッチング等の実施）"
    )
    original = find_row(
        catalogue, "2-4", "地域産業の経営戦略の基盤となる人材採用促進（区内中小企業等人材マッチング等の実施）"
    )
    assert recruit.measure_id == original.measure_id
    assert all(any(not r.reprint for r in m.rows) for m in catalogue.measures)


def test_measure_ids_are_stable(catalogue: Catalogue) -> None:
    """The shipped vision's 70 ids are exactly those other data (feedback, links) was keyed by."""
    assert measure_id("経営相談窓口の充実") == "m-bf3bbb44"
    today = json.loads((DATA / "measure_ids.json").read_text())
    assert sorted(m.id for m in catalogue.measures) == today
    assert len(today) == 70


def test_desk_measure_comes_from_the_manifest(catalogue: Catalogue) -> None:
    desk = catalogue.measure(catalogue.desk_measure_id() or "")
    assert desk is not None and desk.name == "経営相談窓口の充実"


def test_narrative_sections(catalogue: Catalogue) -> None:
    headings = [s.heading for s in catalogue.sections]
    assert "（2）ビジョン（未来像）" in headings
    assert "（3）取組み推進のための大切な視点" in headings
    assert headings.count("現状と課題") == 4
    assert headings.count("政策の方向性") == 4
    vision = next(s for s in catalogue.sections if s.heading == "（2）ビジョン（未来像）")
    assert "持続可能な経済循環で実現する世田谷のウェルビーイング" in vision.text
