"""What a question asks: its language, a target year, a numbered part of the vision,
a target value, or a detail the vision does not give (an amount, a deadline, ...)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ingest.catalogue import YEARS as YEARS  # re-exported: the composer reads the years from here
from service.answer.spoken_years import KANJI_DIGITS, with_years_in_digits
from service.search.keyword import acronyms
from service.search.language import JAPANESE_SCRIPT, detect_language
from service.search.romaji import joined

FISCAL_YEAR = {"R6": 2024, "R9": 2027, "R13": 2031}  # 令和N年度 starts in April of 2018+N

# 「令和9年度」, and 「令和13」 in a keyword query.
_REIWA_NUMBER = r"令和\s*(\d{1,2}|[一二三四五六七八九十]{1,3})(?![0-9])\s*"
_REIWA = re.compile(_REIWA_NUMBER + "年?")
# 「9年度で」「13年度には」: the era left out, as people say it within the plan's years (「2年度目」 counts years run).
_SHORT_REIWA = re.compile(r"(?<![0-9.])([1-9]|1[0-9])\s?年度(?!目)")
# 「13年は？」: the same without 度, read as a year only when asked on its own (「13年やってる」 is a length of time).
_SHORT_REIWA_YEAR = re.compile(r"(?<![0-9.])([1-9]|1[0-9])\s?年(?![度目前後間生])")
# 「27年度で」「31年度には」: the western year in two digits, as people shorten 2027年度 (not 平成27年度).
_SHORT_WESTERN_YEAR = re.compile(r"(?<![0-9.平成昭和])(2[0-9]|3[0-9])\s?年度(?!目)")
# Up to R30, as `_YEAR_WORDS` reads them: R60-SETAGAYA- is a programme for people over 60, not a year.
_R_YEAR = re.compile(r"(?<![a-z0-9])r\s?([12]?\d|30)(?![0-9])")
_WESTERN_YEAR = re.compile(r"(?<![0-9])(20\d\d)(?![0-9])")
# "FY27", "fy 31": a fiscal year in two digits.
_SHORT_FISCAL_YEAR = re.compile(r"\bfy ?'?(\d\d)\b")
# What may surround a year asked on its own: 「じゃあ来年度は？」, "Got it. And next year?", 「なるほど。最終年度は？」.
_BARE_YEAR = re.compile(
    r"\s*((and|so|then|what about|how about|what'?s|what is|got it|ok(ay)?|thanks|thank you|i see|great|cool"
    r"|じゃあ|では|なら|ほな|ほんで|そんで|それで|ほんなら|で|なるほど|了解|わかりました|ありがとう(ございます)?|はい)"
    r"[\s,、.。!！]*)*"
    # 「さっきのやつ最終年度は？」, "that one, for the final year?": the target just talked about.
    r"((さっきの|先ほどの)(やつ|あれ|それ|目標|数字)?|それ|あれ|(that|the same) (one|target)[\s,]*)?"
    r"((in|for|at|by) )?(the |その)?(度)?(は|って|では|には|だと|やと|だったら|やったら|なら|の目標は|のは)?"
    # 「最終年度はどうなってんの？」「最終年度はいかがでしょうか」「どないなってんの」: how the target stands that year.
    r"((どう|どない|いかが)(なって(る|ん)|なる|なん|なの|です|でしょう|や)?(の|ん|か)?)?[\s?？。.!]*"
)
# The vision's last target year, named as such (「最終的には何社」, "by the end of the plan").
_FINAL_YEAR = re.compile(
    r"最終(的|年度|目標)|(最後|さいご)の(年|とし)|(計画|ビジョン)の(最終年|最後|さいご|終わり|おわり)"
    # 「いちばん先の目標で結構です」, 「一番後の年」: the furthest target.
    r"|(いちばん|一番|イチバン)(先|さき|最後|さいご|後|あと)の(目標|年|数字|数値)"
    r"|\b(by |at )?(the )?(very )?end of the (plan|vision)\b"
    r"|\b((by|in) )?the (final|last) (fiscal |plan )?year of the (plan|vision|programme|program)\b"
    r"|\b(plan|vision|programme|program)['’]?s (final|last) (fiscal )?year\b"
    r"|\bfinal[- ](year|target|goal)\b"
    r"|\bin the end\b|\bthe last (fiscal )?year\b|\b(the )?(end|ultimate|long-term) (goal|target)\b|\bultimately\b"
    r"|\b(by|at) the (very )?end\b(?! of)"
)
# Its first target year, named as such (「初年度は？」, "and the first year?", "the very first year of the plan"); "the
# first year of my business" is the asker's.
_FIRST_YEAR = re.compile(
    r"初年度|最初の年|最初は|\bthe (very )?first (fiscal |plan )?year\b( of the (plan|vision|programme|program))?"
    r"(?! of (my|our|the business|business|trading|operations?)\b)"
    # "at the start of the plan", 「計画の始めは」
    r"|\b((at|from|in) )?the (very )?(start|beginning|outset) of the (plan|vision|programme|program)\b"
    r"|(計画|ビジョン)の(最初|始め|はじめ|初め|開始)"
    r"|\b(plan|vision|programme|program)['’]?s (very )?first (fiscal )?year\b"
)
# The plan's middle target year (R9, between R6 and R13): "the middle year of the plan", 「中間年度」,
# 「表の真ん中の年」.
_MIDDLE_YEAR = re.compile(
    r"中間(年|年度|の年|目標|時点)|(真ん中|まんなか)の(年|年度)|(計画|ビジョン|表)の(中間|真ん中|半ば)"
    r"|\b(the )?(middle|mid|midpoint|halfway)[- ]?(point )?(fiscal |plan )?(year|target|goal)\b"
    r"|\b(half ?way|mid-?way) (through|into) the (plan|vision|programme|program)\b"
)
# The plan years named by their place in the plan, with the target year each is.
_PLAN_YEARS = ((_FINAL_YEAR, YEARS[-1]), (_FIRST_YEAR, YEARS[0]), (_MIDDLE_YEAR, YEARS[1]))
# Years counted from the year just asked about: "and three years later?", 「その3年後は？」.
_YEARS_LATER = re.compile(
    r"(\d{1,2}|[一二三四五六七八九十]|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"( more)? ?(years?|年)( ?(later|after( that)?|on)|後)"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBER_WORDS |= {"eight": 8, "nine": 9, "ten": 10}
# Years named relative to now, with their offset from the current fiscal year (the longest forms first).
_RELATIVE_YEARS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"再来年"), 2),
    (re.compile(r"一昨年|おととし"), -2),
    (re.compile(r"来年|次年度|翌年度|\bnext (fiscal |financial )?year\b"), 1),
    (re.compile(r"昨年|去年|前年度|\blast (fiscal |financial )?year\b"), -1),
    (
        re.compile(r"今年|本年度|当年度|\bthis (fiscal |financial )?year\b|\bcurrent (fiscal |financial )?year\b"),
        0,
    ),
)

_NUMBER_JA = re.compile(
    r"目標|何件|何回|何人|何名|何台|何社|何箇所|何校|何か所|何本|何枚|何園|いくつ(?!か(?!な))|いかほど"
    r"|(どれ|どの|どん)(くらい|ぐらい)|どれだけ|どんだけ"
    r"|何部|何軒|何団体|何事業者|何カ所|何ヶ所|何ヵ所|何店"
    r"|件数|人数|台数|回数|数値"
    # 「もう一つの指標は？」: an indicator is asked by its targets.
    r"|指標"
    # 「年間何日ひらいてる？」: days open in a year are counted; 「何日に」「何日まで」 ask a date.
    r"|(年間|年に|1年で|一年で)何日|何日(ぐらい|くらい)?(開|ひら|オープン|開放|解放)"
    # 「聞きたかったのは場所の数じゃなくて参加する人の数」, 「会員の数が知りたい」: a count wanted, said as such.
    r"|(知りた|聞きた|ききた|しりた|伺いた)(い|かった)(の|こと)は[^。？?]{0,30}数"
    r"|数(が|を)(知りたい|聞きたい|ききたい|しりたい|伺いたい)"
)
# What the vision's labels count, in their own words (開催数, 配信数): a target when a plan year is named with it.
_COUNTED_NOUN = re.compile(r"(開催|開園|配信|派遣|登録者|就職者|参加者|利用者|会員|事業者|設置|実施|支援|交付|提供)数")
# 「外国籍のスタッフを何人か雇ってる」 says "a few", it asks no count (「何人かな？」 does); 「新しい家が何軒も建って」
# says "many".
_INDEFINITE_COUNT = re.compile(
    r"何(人|名|回|件|社|台|箇所|か所|カ所|ヶ所|校|本|枚|園|部|軒|団体|店|度)(か(?!な|しら|[?？]|$)|も)"
)
# Where to find figures ("where can I find … number of businesses by area"): a source asked for, not a target.
_FINDS_DATA = re.compile(
    r"\bwhere (can|could|do|would|should) (i|we) (find|get|see|look up|access)\b"
    r"|どこで[^。？?]{0,8}(見|調べ|手に入|入手|閲覧)"
)
# 「最初の年はもっと多いん？」: a comparison with a plan year named asks that year's target.
_COMPARED = re.compile(
    r"多い|少ない|多く|少なく|増え|増や|減(っ|る|ら)|どこまで"
    r"|\b(more|fewer|less|higher|lower|bigger|smaller|increase|decrease)\b"
)
# "What retention rate is the ward aiming for in the final year?", "the final-year figure": an aim or a figure asked
# with a plan year named is its target.
_AIMED = re.compile(r"\baim(s|ed|ing)? (for|at)\b|\bfigures?\b|\bplanned\b|\bplanning (for|on)\b")
# 「ほな最終年度はなんぼや？」: "how much" with a plan year and no money asks for the target's count.
_HOW_MUCH = re.compile(r"なんぼ|いかほど|いくら(?!か(?!か|な|しら|[?？]|$))")
_MONEY = re.compile(
    r"円|金|補助|助成|費|予算|給付|融資|利子|利息|料|代|負担|賃|謝礼|報酬|手当|\b(yen|money|budget|funds?|funding|grants?|subsid\w*|costs?|fees?|pay|paid)\b"
)
# "How often will the ward run those fairs?" counts times; "how often can I apply?" asks about the terms.
_HOW_OFTEN = r"\bhow often\b(?! (can|could|may|do|should|must) (i|we)\b)"
# Up to three words naming whose share ("of Setagaya Pay users"), none of them a cost ("of the cost for shops").
_NOT_A_COST = r"((?!(costs?|rent|price|expenses?|fees?|bills?)\b)[\w'’-]+ ){0,3}?"
# "year" alone is no ask for a target ("quitting after a year", "retired last year"): a year named as one is.
_NUMBER_EN = re.compile(
    # Not the asker's own market ("the crowd wasn't really our target", "target customers").
    r"how many|how much will|(?<!our )(?<!my )(?<!your )(?<!their )target"
    r"(?!ed| (audience|customers?|market|group|demographic|segment|clients?|users?))"
    r"|goal for|number of|\bfy ?(20)?\d\d\b|\br(6|9|13)\b|\b(indicators?|kpis?)\b|"
    # "What share of (Setagaya Pay) users do they want to still be using it…?": a rate of people, which targets print
    # (not the share of a cost a subsidy pays, a detail).
    r"\bwhat (share|percentage|percent|proportion|fraction) of (the )?" + _NOT_A_COST + r"(users|people|participants"
    r"|residents|members|customers|shoppers|businesses|shops|companies|firms)\b|"
    + _HOW_OFTEN
    + r"|\b(other|those|these|which|what|that|same) (fiscal )?years?\b"
)
# "Is it the same every year?" asks of the targets; "every year developers knock on the door" tells a story: a
# sentence naming each year asks only with a question mark.
_EACH_YEAR = re.compile(r"\b(each|every|all( the)?) (fiscal )?years?\b[^.!?。！？]*[?？]")

# How long a programme runs ("how many months does the accelerator run?", 「期間は何か月？」): a date asked, no target.
_DURATION = re.compile(
    r"\bhow (many|long) (months|weeks|hours)\b|\bhow long (does|do|is|will) [^?.!]{0,40}\b(run|last|take)\b"
    r"|\bhow long is (each|a|one|the|every) (session|consultation|appointment|class|lecture|seminar|meeting)\b"
    r"|\bhow long is (the|this|that|it|each|a|one)\b[^?.!]{0,40}\b(programme|program|course|school|training|scheme)\b"
    r"|何[かヶカケ]月(間|くらい|ぐらい)?(かかる|やる|続く|ある|です|なの|[?？])|期間(は|って)(どのくらい|どれくらい|何)"
    # 「一回何分くらい？」, "how many minutes is a session?"
    r"|何分(?!の)(間|くらい|ぐらい|程度|ほど)?|\bhow many minutes\b"
    # How many years support lasts (「何年続けてもらえる？」).
    r"|何年(間|くらい|ぐらい)?(続け|もらえ|受けられ|使え|も?(支援|補助)して)"
    # "… and for how many years?", "how many years does the support last?"
    r"|\bfor how many (years|months|weeks)\b"
    r"|\bhow many years (does|do|will|would|can|could) [^?.!]{0,30}\b(last|run|continue|get|receive|be paid|keep)\b"
)
# How often the asker may use a programme, or how often it comes to them (「何回まで使える？」「うちの商店会には年に何回
# 来てくれるの」, "how many sessions can I get?"): a condition of use, not the ward's target.
_PER_ASKER_COUNT = re.compile(
    r"何回(目)?まで(使え|利用|受け|相談|参加|申し?込|もらえ|来て)"
    r"|(うち|私|わたし|僕|自分|当店|弊社|うちの[^。？?]{1,10}?)(に|には|へは?)[^。？?]{0,10}何(回|度)"
    r"|(一人|1人|一社|1社|一店|1店|一事業者|1事業者)(あたり|につき)?(年に)?何(回|度)"
    r"|\bhow many (times|sessions|visits|consultations|hours|days)\b[^?.!]{0,30}"
    r"\b(can|could|may|do|will|would) (i|we|my \w+|our \w+)\b(?! (need|have|must|expect|see))"
    r"|\bhow many (times|visits)\b[^?.!]{0,20}\b(come|visit)( to)? (us|me|our|my)\b"
)
# Details the vision never gives: it lists measures and output targets, not programme terms.
_DETAILS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # What was achieved so far (「令和5年度の実績は？」, "the real numbers, not the target"): the vision prints
        # targets only. Not 「実績と比べて」, a target compared.
        "results",
        re.compile(
            r"実績(?!と(比|くら))"
            r"|(去年|昨年|前年度?|昨年度|これまで|今まで|いままで|実際|じっさい)[^。？?]{0,20}(何|なん|どれ|どの|いくつ)[^。？?]{0,12}"
            r"(した|された|だった|でした|あった|ありました|来た|きた|集まった|使った|もらった|採択)"
            r"|\b(actual|real|past) (numbers?|figures?|results?|counts?|totals?|membership)\b"
            r"|\b(the|an?) (fy ?20\d\d |r\d )?actuals?\s*[?.!,]"
            r"|\bactually (had|got|handled|helped|served|held|achieved|reached|attended|joined|used|received|did|made"
            r"|signed|took|came|approved|granted|given|awarded|issued|hired|placed)\b|\btrack record\b"
            r"|\bresults? (so far|to date)\b|\b(fy ?20(1\d|2[0-3])|r[1-5]|last year'?s?) (results?|figures?|actuals?)\b"
            # "how many loans did they actually arrange last year?": a count done in a past year.
            r"|\bhow many\b[^?.!]{0,40}\bdid\b[^?.!]{0,40}\b(last year|so far|to date|in fy ?20(1\d|2[0-3]))\b"
            r"|\bhow many [^?.!]{0,40}\b(attended|joined|came|took part|signed up|used it|received|got it|were (helped"
            r"|served|held|made|granted|funded))\b[^?.!]{0,30}\b(last year|so far|to date|in fy ?20(1\d|2[0-3]))\b"
        ),
    ),
    (
        "rate",
        re.compile(
            r"補助率|助成率|補給率|何割|何分の|[0-9一二三四]分の[0-9一二三四]|利率|(?<=金利)(は|って|が)|比率"
            # Not "a loan at a lower interest rate", the subsidised loan itself.
            r"|subsidy rate|\bratio\b|(?<!lower )(?<!low )(?<!cheaper )(?<!reduced )(?<!better )inter?e?st rate"
            r"|\b(half|two-thirds|a third|fraction|percentage)\b[^?.!]{0,40}"
            r"\b(cost|costs|rent|price|covered|reimbursed|paid)\b|rate of coverage"
            r"|\bwhat (share|portion|part|fraction|percentage|proportion) of (the |my |our )?([\w'’-]+ )?"
            r"(cost|costs|rent|price|expenses?)\b"
            r"|\bwhat (fraction|portion|proportion) of\b|%\s*(points?\s*)?back\b|\bpercent back\b|ほじょりつ|還元率"
            r"|\b(point|points|cash)[- ]?back rate\b|\bhow many points\b"
            # 「その率と上限、本当に書いてある？」, "how much of the interest, and for how long?": the rate pointed back
            # at, or asked of a cost outright.
            r"|(その|この|あの)率|\bhow much of the (interest|cost|costs|fees?|rent|expenses?)\b"
            # "How much of the company's share does Setagaya reimburse — half? all of it?"
            r"|\bhow much of (the|my|our|their|its|a)\b[^?.!]{0,60}\b(reimburs|cover|pay|subsidi[sz]e|refund)"
            r"|\b(half|all of it)\?"
            # "Does the ward pay for a new AED in full, or do we co-pay part of it?"
            r"|\b(does|do|will|would|is|are)\b[^?.!]{0,30}\b(pay|paid|cover|covered|fund|funded)\b"
            r"[^?.!]{0,40}\bin full\b"
            r"|\bco-?pay"
            r"|\bthe (full|whole|entire) (cost|amount|price)\b"
            # "does the shopping street pay part of the cost, and how much?": the share left to the asker.
            r"|\bpays? (part|some|a share|a portion) of (the |its |our |my )?(cost|costs|expenses?)\b"
            r"[^?.!]{0,30}how much"
            # 「利息のうちどれぐらいを区がもってくれる？全額？」, 「金利なんぱーせんと？」
            # (the noun stays in the subject: it names the programme asked of)
            r"|(?<=利息|利子|金利|費用|経費)の(うち)?(どれ|どの)(ぐらい|くらい)|(全額|半額|半分)(ですか|なん|なの)?[?？]"
            r"|(?:(?<=金利|利率|利子|利息|補助|助成)|(?<=りそく|きんり))[^。？?]{0,8}(何|なん)(ぱーせんと|パーセント|ぱー|パー|%|％)"
            r"|(何|なん)わり"
            # 「利子はどのくらい区がもってくれるの？」, 「りそくは なんパーセント くらい」 (kana: 利息),
            # 「なんぼ％くらいまで下がるん？」: how much of the interest, or down to what rate (not 利子補給の件数).
            r"|(?:(?<=利息|利子|金利)|(?<=りそく|きんり))(?!補給)(は|って|が|を|も)?[^。？?件数人社回]{0,12}"
            r"(どの|どれ)(ぐらい|くらい)"
            r"|(何|なん|なんぼ)\s*(%|％|パーセント|ぱーせんと)[^。？?]{0,10}(下が|さが|安く|やすく|もって|持って|負担|出して|だして)"
            # The interest said to come to nothing: "so the interest is basically zero?", 「利子はゼロになるってこと？」
            r"|\binterest (is|would be|will be|comes to|goes to|ends up)( basically| essentially| practically| almost"
            r"| nearly| like)? (zero|nothing|free|0)\b"
            r"|(利子|金利|利息)(が|は|も)?(ゼロ|0|０|タダ|ただ|なし|無し)に?(なる|なり|って|なん|なの|やろ|でしょ)"
        ),
    ),
    (
        "amount",
        re.compile(
            # 「費用をいくらか持ってくれる仕組み」「なんぼか出してくれへん？」 say "some of it";
            # 「いくらかかる」「いくらかな」 ask how much.
            # 「上限100万円って書いてあった？」: a ceiling put up for a yes.
            r"上限[^。？?]{0,4}[0-9０-９]|(その|この|あの)上限|"
            r"いくら(?!か(?!か|な|しら|[?？]|$))|なんぼ(?!か(?!か|な|しら|[?？]|$))|いかほど|(?<!齢の)(?<!数の)上限(は|って|が)?(いくら|どの|どれ|なんぼ|何|[?？])|金額|上限額|限度額|額の上限|最大額|何円|何万円|[0-9]円|最大で?(いくら|何)"
            r"|how much (money|is|are|can|could|might|does|do|will|would|funding|support|subsidy|grant|per|for each)\b"
            r"|\bamount\b|\bamt\b|\byen\b|\bhow much\s*\?|\bhow much\s*[$¥]"
            r"|maximum (grant|subsid\w*|loan)|\b(cap|ceiling|upper limit) (on|of|for)\b"
            # "is there a yearly limit per employee?"
            r"|\b(yearly|annual|monthly) (limit|cap|ceiling|maximum)\b|\b(limit|cap|ceiling) per\b"
            r"|\bmax\b|the most (the ward|they|you|i) (will|would|can|could) (pay|give|lend|cover)"
            # "What's the maximum I could get repaid?", "How big is the grant part?"
            r"|\bmaximum (i|we|you|one|they|a \w+) (could|can|would|will|might|may) (get|receive|borrow|claim|be)\b"
            r"|\bhow (big|large) (is|are|was|will be|would be) (the |a |an |each )?[\w -]{0,20}?"
            r"\b(grants?|subsid\w*|loans?|awards?|payments?|payouts?|funding|money)\b"
            # Whether the ward pays the asker at all: "does the ward pay the farmer anything?"
            r"|\b(does|do|will|would) (the ward|setagaya|the city|they|it) (pay|give(?! out)) [\w -]{0,25}?"
            r"\b(anything|any money|money|something|an? (fee|allowance|honorarium|stipend))\b"
            # (not money towards a cost, "does the ward give any money to help cover startup costs?": a subsidy asked)
            r"(?! (to help|to cover|to pay for|towards?|for (the |my |our )?(costs?|expenses?|fees?)\b))"
            # (not 「跡継ぎ育てるのにお金出るやつは？」: a programme that pays, asked for)
            # (nor 「区で何か出してくれるお金はあるのかい？」: money the ward gives towards a need, a subsidy asked)
            r"|(?<!くれる)(お金|謝礼|謝金|報酬|手当)(みたいな(もん|もの)|のような(もの)?)?(は|って|が|とか|も)?(出る|出ます|もらえ|貰え|払われ|ある|あり)"
            r"(?!(やつ|奴|もの|もん|制度|支援|補助|事業|とこ))[^。]{0,6}([?？]|か$|の$|ん$)"
        ),
    ),
    (
        "deadline",
        re.compile(
            # A deadline worried about (「締め切り後に知る」「締め切ったあとに知る」, "I keep missing deadlines", "a
            # client changing deadlines", 「いつまで残せるか」) is no deadline asked.
            r"締め?切(?!り?(後|(が|を)?過ぎ)|っ(た|て)(あと|後|から))|しめきり|〆切|期限|いつまで(?!も|残|続|持)|受付期間|受付終了"
            r"|(?<!missing )(?<!miss )(?<!payment )(?<!moving )(?<!changing )(?<!changes )(?<!shifting )(?<!tight )"
            r"(?<!after the )(?<!my )(?<!our )(?<!their )(?<!client's )"
            r"deadline|due date|\bby when\b|last day to"
            r"|\bcut-?off\b|closing date|何日(まで|締め)|最終日|日前まで|\bthe last day\b"
            r"|までに(申請|申し込|出せ|提出)(すれば|したら|すれ)"
            r"|until when|too late (to|for)\b|too late\s*\?|when does it close|by what date"
            r"|when do (entries|applications) close"
        ),
    ),
    (
        # How long a review, a match or a course takes: 「何か月くらいで後継ぎが見つかる？」, "how long does it take?"
        "duration",
        re.compile(
            r"(どのくらい|どれくらい|どれぐらい|どのぐらい|どんだけ)の?(時間|期間|日数)|時間(が|って|は)?(かかる|かかり|掛か)"
            r"|期間(は|って)(どの|どれ)(くらい|ぐらい)|何(か月|ヶ月|カ月|ケ月|週間|日間)|何年(くらい|ぐらい|ほど)?で"
            # 「審査ってどれくらいで通ります？」: how soon, not how many.
            r"|(どのくらい|どれくらい|どれぐらい|どのぐらい)で(通|終わ|決ま|下り|おり|結果|振り?込|入金|もらえ|届|返事|連絡)"
            r"|\bhow long (does|will|would|do|did|is|are)\b"
            r"|\bhow (many|long) (weeks|months|days|years) (does|will|is|are|do)\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"いつから|(募集|受付)(は|って|開始)?(いつ|何月)|いつ(どこ|募集|受付|開催|ある|あり|やる|やり|始ま|開か|行わ|オープン|開設|スタート|でき)|次(は|って)?いつ|いつ(ですか|でしょうか)|いつ頃|いつごろ|開催日|日程(?!度)|日時|何月|何日に|何曜日|曜日|何時に"
            r"|開講日|開始時刻|開始時間|何時(ごろ|頃|くらい)|午前と午後|いつ(でしょう|ですか|なの|なん)?([?？]|$)|いつ(振り?込|入金|支払|払わ|届)"
            r"|\bwhen\b[^?.!]{0,50}\b(scheduled|held|start|starts|open|opens|run)\b|what day of the week"
            # Weekends asked about ("Is it open on weekends?"), not told of ("Sales are ok on weekends but…").
            r"|\bweekday or (the )?weekend|\b(on|at|over) (a |the )?weekends?\s*\?"
            r"|\b(is|are|can|could|do|does|will|would)\b[^.?!]{0,60}\b(on|at|over) (a |the )?weekends?\b[^.!]{0,40}\?"
            r"|(土日|週末|祝日|夜間?|土曜日?|日曜日?)(も|は|に|でも)?(やって|開いて|相談|予約|利用|使え|対応|受け|参加|行け|行っ|つなが|繋が)"
            # How long until the money arrives: 「申し込んでから振り込まれるまでどれくらい」
            r"|(振り?込|入金|支給|交付|審査|結果|決定)[^。？?]{0,10}まで[^。？?]{0,4}(どれ|どの)(くらい|ぐらい)"
            r"|\bhow long (until|before|till) (i|we) (get|receive|hear)\b"
            r"|次回|次の(開催|回)|\bwhen (is|are|does|will|do)\b|\bwhen'?s\b|what date|which day|what day|what time"
            r"|\bschedule\b"
            # "applications open every April, right?", 「募集は毎年4月ですよね」
            r"|\b(applications?|entries|registration|enrol\w*|sign-?ups?) (open|opens|close|closes|start|starts|begin"
            r"|begins|are due|is due)\b|(募集|受付|申請|申し?込み?)[^。？?]{0,8}[0-9０-９一二三四五六七八九十]+月"
            r"|next( [\w-]+)? (session|event|seminar|workshop|meeting|fair|class|course)"
            r"|(?<!up to )(?<!up-to-)\bdates?\b"
            r"|\bhow long (do|does|will|would|is) [^?.!]{0,40}\b(wait|take|takes)\b|待ち時間|どのくらい待|"
            + _DURATION.pattern
        ),
    ),
    (
        "eligibility",
        re.compile(
            # 「区の補助使えますか？」 asks whether support exists; 「それでも使えますか」 asks who qualifies.
            r"対象者|対象外|対象(になる|ですか|になりますか|に入る)|(?<!労働)条件|要件|誰が(使|利用|申請)"
            # 「こっちは何が使える？」 asks which programme, not who qualifies.
            r"|(?<!補助)(?<!助成)(?<!支援)(?<!制度)(?<!金)(?<!何が)(?<!何か)(?<!どれが)使えますか|(?<!何が)(?<!何か)(?<!どれが)使える\?"
            # 「参加資格は？」 asks who may join; 「施工管理の資格を受けさせたい」 is a certification wanted.
            r"|(参加|応募|申請|受講|利用|申込|申し込み|対象)資格|資格(は|って)(何|なに|ある|あり|要る|いる|必要)"
            # 「NPO法人でも申し込めますか」: "even as X, can I …" asks who qualifies.
            r"|でも[^。？?]{0,25}?(でき|られ|え|め|入れ)(ます|る)(か|[?？])"
            # Coming with a small child: "can I bring my 2 year old?", 「子連れで行ける？」, 「託児はある？」.
            r"|\bcan (i|we|she|he) bring (my|our|her|his|a) [^?.!]{0,20}\b(kids?|child(ren)?|baby|son|daughter|toddler"
            r"|year[- ]old)\b|\b(childcare|child care|a creche)\b[^?.!—-]{0,40}\b(while|during|available)\b"
            r"|子(ども|供)?連れ(で|でも)[^。？?]{0,10}(行|参加|相談|利用|入)|託児(は|って|が|の)?(ある|あり|つく|付)"
            r"|対象に(含まれ|なり|入り)|(じゃなくても|でなくても)(?!(いい|良い|ええ|構わ|かまわ))|まだ使え|(?<!して)(もらえ|使え|受けられ)ませんか"
            r"|eligib|who can (apply|use|get|join)|requirement|\bcan i (use|apply)\b|\bcriteria\b"
            # What a loan asks of the borrower: 「保証人って要る？」, "do I need collateral?"
            r"|保証人|担保|\bguarantors?\b|\bcollateral\b"
            # "is that one for us too? we rent the building": whether the programme shown covers the asker's case.
            r"|\b(is|are) (that|this|those)( one| ones)? (also )?(for|open to)"
            r" (us|me|him|her|people like|someone like)"
            # "Am I qualified?", not "a qualified person to consult"
            r"|qualif(?!ied (invoice|person|people|expert|professional|advis[eo]r|specialist|consultant|counsel))"
            r"|\b(do (i|we) (need|have) to|must (i|we)) (live|be|have|use|hire|pick|choose|go through|order from"
            r"|buy from|work with)\b"
            # 「区内の制作会社に頼まなあかんの？」: a condition of use asked as a must.
            r"|(頼ま|使わ|買わ|入ら|依頼せ|発注せ|登録せ|加入せ|住んで|在住で)(な|なければ|なきゃ|ないと)"
            r"(あかん|アカン|いけない|いけません|ならない|ならん|だめ|ダメ)(の|ん|のか|ですか|か)?[?？]"
            r"|\bdoes (my|our) [\w ]{1,30} have to be\b|\bstill covered\b"
            # "Does the equipment subsidy cover used machinery, or only brand-new?"
            r"|\bcover(s|ed)? (used|second[- ]?hand|pre-owned|refurbished|leased|rented)\b|\bor only (brand[- ])?new\b"
            r"|中古(でも|も|は)(対象|いい|ええ|使え|補助)"
            r"|\bconditions (to|for)\b|\bcan (freelancers|foreigners|non-residents|npos?|companies) (join|use|apply)"
            r"|\b(employee|staff|head)[- ]?count (limit|cap|cutoff)|\b(size|headcount) limit|従業員数?の(上限|制限)"
            r"|\bcan (a|an|my|our|foreign|non)[\w -]{0,45}? (apply|join|take part|participate)\b"
            r"|何歳(から|まで|以上|以下)|(何人|何年|何社)(まで|以内|以上|以下)(なら|の|でも)|何年目(まで|以内)|までが対象"
            # 「従業員何人から入れるん？」
            r"|(何人|何名|何年|何社|何歳)(から|まで|以上|以下)[^。？?]{0,6}(入れ|使え|参加|対象|申し?込|利用|受けられ)"
            r"|\b(does|will|would) (it|this|that|the [\w -]{1,40}) (still )?apply (if|when|for)\b"
            r"|\bcan (i|we) (still |also |even )?get (a |the )?(grant|subsid|loan|fund|money|support from)"
            r"|\bcan (i|we) (still|also|even) (use|apply|join|take part|get)\b"
            # "Can I get the equipment subsidy if I lease the machine?": a condition of the asker's.
            r"|\bcan (i|we) (get|use|apply for|join)\b[^?.!]{0,60}\bif (i|we|my|our)\b"
            # A desk officer asking for a client: "Can she still attend and get the certificate?"
            r"|\bcan (she|he|they|my client|the client|our client) (still|also|even)"
            r" (use|apply|join|take part|get|attend|register)\b"
            # 「区民じゃないけど…受けられる？」「開業して2年たってても…もらえますか」, "am I allowed to attend": a
            # condition of the asker's, then whether they can.
            r"|(けど|けれど|ですが|のですが|ても)[^。？?]{0,40}(?<!何が)(?<!何か)(?<!どれが)(使え|受けられ|参加でき|入れ|利用でき|申し込め)"
            r"(る|ます)(んです|の)?(か|[?？])"
            # 「…けど、相談乗ってもらえます？」 asks a favour; 「2年たってても発行してもらえますか」 asks a condition.
            r"|ても[^。？?]{0,20}もらえ(る|ます)(か|[?？])"
            # 「区民じゃないけど区内の会社で働いてる。メンタルヘルス相談って受けられる？」: the condition in a sentence
            # of its own.
            r"|(じゃない|でない|ではない|じゃなくて)けど[^？?]{0,60}(使え|受けられ|参加でき|入れ|利用でき|申し込め)(る|ます)"
            r"|も対象[?？]|\b(am i|are we|is (my|our) \w+) allowed to\b"
            r"|\bdoes (it|this|that|the [\w -]{1,40}) apply to\b"
            r"|\bapply to (firms|companies|businesses|people|sole|npos?)\b"
            r"|\bcan (a|an|my|our|foreign|non)[\w -]{0,45}? (register|sign up|use|attend)\b"
            r"|\b(minimum|maximum|upper) age\b|\bage (limit|cap|requirement)"
            r"|\bcan (someone|a person) (who'?s|aged|over)\b"
            r"|年齢(制限|の上限|の条件)"
            r"|\bare there (any )?(conditions|restrictions|limits)\b|\bany (conditions|restrictions)\b"
            # 「準工業地域じゃないとダメ？」: a condition asked as the only way in.
            r"|(じゃない|でない|ではない|じゃなきゃ|でなきゃ)と?(ダメ|だめ|駄目|いけない|いけません|無理|あかん|使えない|受けられない)"
            # How recipients are chosen: "who decides who gets it?", 「選考は？」「審査の基準は？」
            r"|\bwho (decides|chooses|selects|picks|judges|approves)\b|\bselection (criteria|process)\b"
            r"|\bhow (are|is|do they|does the ward) [\w -]{0,30}?\b(chosen|selected|picked|decided|screened)\b"
            r"|選考|審査(基準|の基準|方法|の方法|は誰|って誰|(は|って)(ある|あり|厳し|どう))|誰が(選|決め|審査)|どうやって選(ば|ん|考)"
            r"|" + _PER_ASKER_COUNT.pattern
        ),
    ),
    (
        "application",
        re.compile(
            r"申請方法|申込方法|申し込み方法|申し込み|申込み?|申請|応募方法|どうやって(申|応募|登録)|登録方法"
            # The procedure asked for, not one worried about (「雇う手続きとかがようわからん」 asks for help).
            r"|手続き(は|を|って|の(方法|仕方|流れ))?(どう|どこ|教え|知りた|[?？]|$)|(どういう|どんな|どのような)手続き"
            r"|how (do|can|should) i (actually )?(apply|sign up|register|join)|how to (apply|register|sign up)"
            r"|application form|what (forms|documents|papers|paperwork)"
            # Papers asked for, not papers one was looking at (「書類を見ていたら不安になった」).
            r"|手順|書類(?!を(見|読|整理|確認|作っ|作成し))|提出|必要なもの|持ち物|予約(は|の(方法|仕方|取り方)|方法)|予約(って|が)?(いる|要る|必要)"
            # Whether one books ahead: 「予約制？」, "by appointment only?", "can I just walk in?"
            r"|予約制|要予約|予約(なし|無し|不要)|\bby appointment\b|\bappointments? (needed|required|only)\b"
            r"|\b(can|could|may) (i|we) (just )?walk in\b|\bwalk-?ins? (welcome|ok|okay|accepted|allowed)\b"
            r"|\b(accept|take) walk-?ins\b"
            r"|どう(やって|やったら|すれば)?(申|応募|登録|予約)|どう(やったら|すれば)[^。？?]{0,8}(発行|入会|加入|もらえ|取れ|とれ)"
            r"|何回[^。？?]{0,6}(必要|いる|要る)|何回[^。？?]{0,10}(受けれ|出れ|参加すれ)ば|何回[^。？?]{0,10}(受け|出|参加し|通っ)たら"
            r"|how (do|can|should) (i|we) (book|reserve|make an appointment|get an appointment)"
            # "do I need to book?": whether one books ahead.
            r"|\b(do|does|will|would) (i|we|you|she|he|they) (need|have) to (book|reserve|register|sign up)\b"
            r"|\bbook (in advance|ahead)\b"
            # 「載せてもらうには」, "how do I get my shop listed": the steps to be accepted into a programme.
            r"|(載せ|掲載さ|選ばれ|採択さ|認定さ)(てもらう|る|れる)?には|どうすれば(載|掲載|選ば|採択|認定)"
            r"|how (exactly )?(do|can|would|should) (i|we) (get|become)\b[^?.!]{0,30}"
            r"\b(listed|registered|accepted|selected|certified|approved|chosen|featured)\b"
            r"|\bcan (i|we) get [^?.!]{0,30}\b(listed|featured|selected|certified)\b"
            # ("what steps to take" asks for advice, not a procedure).
            r"|(申し込|応募し|登録し|参加し|予約し)(たい|む|て)?(には|場合)|what are the steps|\bsubmit\b"
            r"|\bsteps to\b(?! take\b)"
            r"|\benrol|\bbook (a|an)\b|申し込め|(登録|予約|応募手続き)(って|は)?(どう|教え)|見積書"
            r"|\bre?gi?ster for\b|\bform (i|we) (need|have) to\b|\bprocess (to|for) (enter|apply|join|register)"
            r"|\bsign (my|our|me|us|the|a|an)( [\w-]+){0,3} up\b"
            # Not "businesses that sign up": those who join, described.
            r"|(?<!\bthat )(?<!\bwho )(?<!\bwhich )\bsign(ing)? up\b|\bsign-?up (link|page|form|url)\b"
            r"|\bhow (do|can|should) (i|we) subscribe\b"
            r"|what do i need to (bring|submit|prepare)"
            r"|apply for|\bprocedure\b|様式|書式|取り寄せ|入手方法"
            # 「どこから登録するんですか」「加盟店になるには」: where or how one joins.
            r"|どこ(から|で|に)(登録|申し?込|加入|入会|加盟)|(加盟|加入|入会)(店|者)?に?(なる|する)には"
            r"|\bhow (does|do|can|should|would) [\w ]{1,30}? apply\b"
            # 「入会手続き、何が必要ですか」 asks what the steps need; 「手続きとか何を準備すればいいか相談したい」 asks
            # for help.
            r"|(手続き|入会|登録|加入|申し込み|申込)[^。？?]{0,6}(何が|なにが)(必要|いる|要る)(ですか|でしょうか|なの|なん|[?？]|$)"
            # Paying first and claiming back, receipts: how the money is paid out.
            r"|\breceipts?\b|\bclaim (the money|it) back\b|\breimburse(d|ment) (after|later|first)\b"
            r"|領収書|精算|立て替え|立替"
            # Whether to apply before buying or claim afterwards.
            r"|\bapply (before|after) (buying|purchasing|paying|ordering|signing)\b|\bclaim\b[^?.!]{0,20}\bafter\b"
            r"|(買う|購入|契約|発注|支払い?)(する)?(前|後)に?(申請|申し込)|事前(に)?申請|後から(申請|請求)"
            r"|\bhow many (sessions|times|classes|seminars|lectures) (do|must|should) (i|we) (need to |have to )?"
            r"(attend|take|join)\b"
        ),
    ),
    (
        "fee",
        re.compile(
            # 「会費だけじゃ厳しい」「手数料高ない？」 state a problem; they ask no fee.
            r"無料|有料|無償|タダ|(料金|参加費|受講料|出展料|出店料|エントリー料|会費|入会金|相談料|利用料|使用料|登録料|加盟料|掲載料|手数料|保証料|負担金)"
            r"(?!だけ|じゃ|では|集め|の?徴収|が?(高|厳し|きつ|払え|足り|負担))|費用(は|って)?かか|費用負担|費用はいくら"
            # 「お金がかかる。」「お金がかかりすぎる」 state a problem; 「お金かかるの？」 asks a fee.
            r"|お金(は|が|って)?(かか|いり|要り)(る|ります|ますか)?(んですか|んでしょうか|(の|ん)?(か|[?？]|$))"
            r"|費用(は|って|も)[^。？?]{0,10}負担[?？]"
            # 「商店会の負担はある？」: whether taking part costs the asker anything.
            r"|負担(は|って|が|も)?(ある|あり|いる|要る|かかる|発生する)(の|ん)?(です|でしょう|ます)?(か|[?？]|$)"
            # 「何回までならお金気にせず話せる？」: how far it is free.
            r"|お金(を|は)?(気にせず|気にしないで|払わずに)"
            # "lower my fee" is the asker's own price, not what a programme charges.
            r"|free of charge|\bfree\b|(?<!my )(?<!our )\bfees?\b|\btuition\b"
            r"|\b(do|does|will) (i|we|companies|employers|businesses|shops|members|exhibitors|participants)"
            r" (have to |need to )?pay( to| for| anything| a fee)\b|費用は[^。？?]{0,12}(持ち|負担|払)"
            # "help with the cost of going digital" asks for support, not what a programme costs.
            r"|\b(does|will|would|is) (it|this|that|joining|attending|using|(the|that|this) [\w-]+( [\w-]+)?)"
            r" (going to )?cost\b"
            r"|\bcosts? (anything|money|extra|to (join|attend|use|enter|take part|participat|register))"
            r"|\bhow much\b[^?.!]{0,40}\bcost|\bis there a (charge|cost)\b"
            # "squeezing my price": the asker's own price, which a client pushes down, not what a programme charges.
            r"|(?<!my )(?<!our )(?<!their )\bprice\b"
            r"|\bcharge for\b|\btake (a|any) (cut|commission|percentage)\b|\bcommissions?\b"
        ),
    ),
    (
        "contact",
        re.compile(
            # 「電話勧誘」「電話営業」 are sales calls a story tells of, not a number asked for.
            r"電話番号|(?<!携帯)電話(?!勧誘|営業|セールス|詐欺|で払|で支払|決済)|(?<![一-龥ァ-ンa-z])番号(は|って|を教え|教え)|連絡先|問い?合わせ先|メールアドレス|住所|所在地|場所はどこ|(?<![るたいうくすつぬむ])場所((は|って)[?？]|を教え)|営業時間|受付時間|何時から|何時まで|会場|最寄り"
            r"|アクセス|何階|行き方|駐車場|(開いて|あいて)(る|ます)(か|の|ん|[?？])|どこにかけ|連絡(を)?取"
            r"|どこ(に|へ)(連絡|問い?合わせ|電話)"
            r"|どこに(ある|あり|でき|作|つく|開|オープン)|どこで(いつ)?(開催|やって|やる|やり|ある|あり|行わ|開か)"
            r"|\bphone (number|no\b|calls?|#)|by phone|telephone|\bfax\b"
            r"|e-?mail address|\baddress\b|opening hours|office hours|located|\bvenue\b"
            r"|where (is|are) (it|the \w+ )?(held|located)|which (floor|building)|nearest station"
            r"|\bwhere (exactly )?(is|are|will)\b[^?]{0,50}\b(held|located|take place|run)\b|\bwhen and where\b"
            r"|\bwhere is the\b[^?]{0,40}\b(office|centre|center|desk|plaza)\b|\bwhat hours\b"
            r"|\b(what'?s|what is|give me|send me|share) the (url|link|web ?site address)\b"
            r"|\burl (of|for)\b|url(は|を教|って)"
            # Where a programme is published: 「掲載先のページを教えて」, "which page is it on?"
            # (「ホームページを作りたい」 is a need).
            r"|掲載(先|ページ|場所)|(ページ|サイト|url|リンク)(を|も)?教え|どこに(載っ|掲載され)|ダウンロード(先|でき)"
            r"|\b(which|what) (web ?)?page\b|\bwhere can i download\b|\blink to (it|the)\b"
            r"|\bwhich station\b|\bnear (which|what) station\b|最寄(り)?駅|何駅"
            r"|\bwhere (exactly )?(is|are|will)\b[^?]{0,50}\b(going to be|be (built|opened|located))\b"
            r"|\bwhere will (it|they|the [\w -]{1,50}) (actually |exactly )?be\b"
            r"|who (do|should|can) i contact|\bopen on (saturdays?|sundays?|weekends?)|\badd?ress of\b"
            # "who do I email about it?", "who should I call?": whom to reach, not someone to talk things over with.
            r"|\bwho (do|should|can|would) (i|we|she|he|they) (e-?mail|call|phone|ring|write to)\b"
            # "Where exactly are the farm gardens? Is there one near Futako-tamagawa?", 「どこの駅の近くにできるの」
            r"|\bwhere exactly\b|\b(is|are) there (one|any)\b[^?.!]{0,30}\b(near|close to|around)\b"
            r"|どこの(駅|辺|あたり|建物|地域)|\bnumber to (call|ring|dial)\b"
            r"|\b(which|what) (phone )?number (do|should|can|would) (i|we) (call|ring|dial)\b"
        ),
    ),
    (
        "operator",
        re.compile(
            # Who runs a programme: the ward itself, a contractor, which lecturers.
            r"誰が(運営|やって|主催|担当|教え|講師)|運営(主体|元|者|会社|団体|して(いる|る)(の|ん))|直営|委託(して|され|先|なの)"
            r"|主催(者|は|って)|講師(は|って|の方?は)(誰|どなた|どんな)|どこが(運営|やって|主催)"
            # "Who runs it?", "…, and who runs it?"; "my uncle who runs a 銭湯" says who the asker is.
            r"|(^|[.?!,;:(]\s*|\b(and|but|so|or|asking|know|tell me|wondering|wonder)\s+)who (actually )?"
            r"(runs|operates|organi[sz]es|hosts|manages|teaches|leads|delivers|staffs)\b"
            r"|\b(run|operated|organi[sz]ed|hosted|managed) by (the ward|a private|an outside|a contractor|whom)\b"
            r"|\bwho are the (instructors|teachers|trainers|counsellors|counselors|lecturers|advisers|advisors)\b"
            # Which lenders or firms take part: 「どこの銀行で借りられる？」, "which banks handle the loan scheme?"
            r"|\b(which|what) (banks?|lenders?|financial institutions?) (handle|run|operate|provide|offer|take part"
            r"|participate|are in)\b|(どこの|どの)(銀行|金融機関|信金|信用金庫)"
        ),
    ),
    (
        "format",
        re.compile(
            # How a programme is held: a pick-up, what happens when it rains.
            # Whether it is also held online is left to the measure answer: askers mostly look for the programme
            # (「創業セミナー受けたい。オンラインでもやってる？」).
            r"送迎|雨(の日|天)(は|でも|だと|の(時|とき|場合))?(どう|やる|中止|延期|あり|ある)|雨天"
            r"|\b(pick-?up|transport(ation)?|shuttle) (from|to|service|provided)\b|\bif it rains\b|\bbad weather\b"
        ),
    ),
    (
        "language",
        re.compile(
            # The language a programme is run in; "an English-speaking accountant" asks for a person, not this, and
            # 多言語 or "multilingual" names a thing a target may count (多言語対応の案内所数).
            r"通訳|英語(対応|で(の)?(相談|受講|参加|受け|申し?込|対応)|(は|って|も)?(OK|大丈夫|いけ|可能|通じ))"
            r"|(英語|中国語|韓国語|ベトナム語|ネパール語|スペイン語|ポルトガル語|タガログ語|フランス語|外国語|母国語)"
            # Not the asker's own explaining: 「社長に英語で説明しないといけなくて」.
            r"((や|と|か|・|、)[^。？?で]{0,12})?で(の)?(相談|受講|参加|受け|申し?込|対応|説明(?!しな|する|せな)|やって)"
            r"|やさしい日本語|\binterpret(er|ers|ation|ing)\b"
            r"|\bin (english|chinese|korean|vietnamese|nepali|spanish|portuguese|tagalog|my (own )?language)\b"
            r"[^?.!]{0,30}\?"
            r"|\b(in|speak|speaks|use) english\b[^?.!]{0,30}\?|\benglish (support|version|materials)\b"
            r"|\b(which|what) languages?\b"
        ),
    ),
)
# Asking to carry the chat on in another language ("can we continue in English?", 「英語で続けてもいい？」) is about
# this conversation, not the language a programme is run in.
_CHAT_LANGUAGE = re.compile(
    r"\b(can|could|may|shall) (we|i|you) (please )?(continue|switch|change|carry on|go on|keep going|talk|chat|speak"
    r"|write|do this|reply|answer)\b[^?.!]{0,20}\b(in|to|into) (english|japanese)\b"
    r"|\b(reply|answer|respond|write) (to me )?in (english|japanese)\b|\b(in|into) (english|japanese),? please\b"
    r"|(英語|日本語)で(続け|答え|返事|返信|話して(も(いい|ええ|大丈夫)|くれ|くださ))|(英語|日本語)に(切り替え|して(くれ|くださ|もら))"
)
# "can you just tell me in English the camera number for FY2024?": the answer asked for in a language, not a
# programme's languages.
_TOLD_IN_LANGUAGE = re.compile(
    r"\b(tell|give|show|explain|say|write)\b[^.?!]{0,15}\bin (english|japanese)\b"
    r"|(英語|日本語)で(教えて|言って|説明して|書いて)"
)
_WHICH_MEASURE = re.compile(
    r"(どの|どういう|どんな|何の|なんの)(施策|事業|制度)(に(な|あた|当た|該当)|です|でしょう|か)"
    # 「…紹介したいのですが、どの事業が使えますか」: which programme serves the need told.
    r"|(どの|どういう|どんな)(施策|事業|制度|支援)(が|を)(使え|利用でき|使う|使った)"
    r"|\bwhich (measure|programme|program|scheme)\b"
)
# 「専門家が来てくれるほうの話で合ってる？」「そのアプリのことで合ってます？」, "that was the app one, right?": which
# programme was meant, put up for a yes.
_CHECKS_WHICH_ONE = re.compile(
    # Not 「…ってことで合ってる？」, a reading of what the programme gives, put up for a yes.
    r"(?<!って)(?<!という)(ほう|方|こと|やつ|話|もの)で(合って|あって|間違いな)"
    r"|\b(is|was) (that|it) the [a-z -]{2,30} one\b|\bthe [a-z -]{2,30} one,? (right|correct)\b"
)
# Which programme it really is, after a benefit heard of (「福利厚生って、ほんとはどれ？」, "which program is it
# actually?"): the programme is asked for, no benefit put up for a yes.
_WHICH_REALLY = re.compile(
    r"(ほんと|本当|実際)(は|に)?(どれ|どの(事業|制度|取り?組み|プログラム|仕組み))"
    r"|\bwhich (one|program|programme|progam|scheme)\b[^?.!]{0,30}\b(really|actually)\b"
    r"|\b(really|actually)\b[^?.!]{0,20}\bwhich (one|program|programme|scheme)\b"
)
# A programme asked for by who may use it: 「…参加できるようなのある？」「出られる同じようなのってある？」.
_ONE_THAT_EXISTS = re.compile(
    r"る[^。？?、]{0,6}?(ような|みたいな)?(の|もの|もん|やつ|ところ|とこ)(って|は|が|も)?[、,]?(ある|あります|あん|ありません)"
)
_EXISTS_RUN_BY = re.compile(r"\b(is|are) there\b[^?.!]{0,80}\b(run|operated|organi[sz]ed|hosted|managed) by\b")
_YEN = re.compile(r"\byen\b")
_ELIGIBILITY = dict(_DETAILS)["eligibility"]
# 「私どもの和菓子屋も加わることはできますでしょうか」「うちの店も参加できる？」: whether the asker may join what was
# just talked about, which that measure answers; so too whether it suits someone else the asker names (a desk
# officer's client: 「その方も出す側として参加できそうですか」「農家さんにも勧めて大丈夫ですか」, "Would that be the
# right thing to point her to?").
_JOINS_TOO = re.compile(
    r"(うち|私ども|わたくしども|私たち|僕ら|弊社|当社|当店|自分|その方|この方|その人|その子|彼女|彼)[^。？?]{0,15}?も"
    r"[^。？?]{0,6}?(入れ|加われ|加わ(る|れる)こと(は|が)?でき|参加(でき|させてもらえ|させていただけ)|申し込め)"
    r"(そう)?(です|ます|る|ません)?(か|でしょうか|んですか|の|ん|[?？])"
    r"|(勧め|薦め|すすめ|紹介し|案内し)て(も)?(大丈夫|いい|良い|よい|ええ|問題ない|差し支えない|構わない)"
    r"|(にも|でも)[^。？?]{0,10}?向いて(い)?(ます|る|そう)"
    r"|(?i:\b(would|is|could) (that|this|it) (be )?(the right|a good|a suitable|the best)( \w+)? (to point|to send"
    r"|to refer|to recommend|for (her|him|them))\b)"
    # "Can part-timers join too?", "could my dad sign up as well?"
    r"|(?i:\b(can|could|may) (my |our |the |her |his )?[\w-]+( \w+)? (join|sign up|take part|enrol|apply)"
    r"( (it|them|that|in|for it))? (too|as well)\b)"
)
_AMOUNT = dict(_DETAILS)["amount"]
# "Is there a network we can sign up to?" asks whether one exists, "worth signing up for a tiny cafe?" whether it
# pays: signing up is what the asker would do with it, not the procedure asked for.
_JOINABLE = re.compile(
    r"\b(((is|are) there|there('s| is| are))\b[^?.!]{0,80}?|(what|which)( \w+)? (could|can|might|should) )"
    r"\b(i|we|you|he|she|they)( as [\w ]{1,20}?)?"
    # "…a scheme that I could sign us up for?": signing the asker's staff up.
    r" (can |could |might )?(sign( (us|me|them|(my|our) \w+( \w+)?))? up|join|register|apply|enrol)"
    r"( (to|for|with|in|at))?\b"
    r"|\b(is|are) there\b[^?.!]{0,80}?\b(can|could|may|might) (sign( (us|me|them))? up|join|register|apply|enrol)"
    r"( (to|for|with|in|at))?\b"
    r"|\bworth (it to )?(sign(ing)? up|join(ing)?|register(ing)?|apply(ing)?)( (to|for|with|in|at))?\b"
    r"|\bshould (i|we) (sign up|join|register|apply|enrol)( (to|for|with|in|at))?\b(?= *[?,])"
)
# What a "how many" counts, by the counter word it uses, and the printed units that count that.
# The counted noun heads the phrase after "how many": "how many grants for people" counts grants, not people; a
# comma or a dash ends the phrase ("not the number of events — how many people").
_PHRASE_END = r"\b(?:for|of|to|with|by|from|at|in|on|among|who|that|which)\b"
# "how many of those farm sites" counts the sites: "of those", "of the", "of that" only point back to what was said.
_MANY = (
    r"\b(how many|number of|count of)\b(?: of (?:those|these|the|their|its|that|this))?"
    r"(?:(?!" + _PHRASE_END + r")[^?.!,;:—–]){0,40}?\b"
)
# Things held, which the vision counts in 回, asked how many of: 「どのくらい催しを」, 「セミナーの数」.
_HELD = r"(イベント|催し|セミナー|講座|講習会?|交流会|説明会|相談会|勉強会|体験会)"
_HELD_COUNTED = (
    rf"(どの|どれ)(くらい|ぐらい|だけ)の?{_HELD}|{_HELD}の?数|{_HELD}(は|を)?(どの|どれ)(くらい|ぐらい)"
    # 「そこのイベント、何年後にどれくらいやるつもり？」
    rf"|{_HELD}[^。？?]{{0,12}}(どの|どれ)(くらい|ぐらい)(やる|開|行う|実施)"
)
# "(how many people) get that": receiving the thing pointed back at.
_GET_THAT = r"\s+(get|receive|are given|will get)\s+(that|it|this|one|them)\b"
_COUNTERS: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    # "how many people get that startup-cost subsidy?", 「何人くらい補助もらえる？」「何人ぐらい採択される？」: the
    # grants made, which the document counts in 件 (people counted too, for a grant printed so).
    (
        re.compile(
            r"何人(?=[^。？?]{0,12}(補助|助成|採択))|"
            + _MANY
            + r"(people|ppl|persons|businesses|shops|firms|companies)\b(?=[^?.!]{0,30}\b(subsid|grant))|"
            # "how many ppl get that?": the recipients of the thing pointed back at, counted as it is.
            + _MANY
            + r"(people|ppl|persons)"
            + _GET_THAT
            + "|"
            # "how many workshops would get money to fix up their premises": the workshops funded, not held.
            + _MANY
            + r"(people|persons|workshops|factories|studios)\b"
            r"(?=[^?.!]{0,30}\b(get|gets|receive|receives|given)\b[^?.!]{0,12}\b(money|funding|funds|financial))"
        ),
        frozenset({"件", "人", "社", "事業者", "事業"}),
    ),
    (
        re.compile(
            r"何人|何名|人数|参加者数|利用者数|会員数|(人|参加者|利用者|会員|受講者|就職者)の数|会員(?!登録)|"
            + _MANY
            # "ppl": people, as typed in a hurry.
            + r"(people|ppl|persons|users|participants|visitors|workers"
            r"|residents|members|attendees|employees|staff|job ?seekers|students|trainees)\b(?!" + _GET_THAT + ")"
            # "What's their headcount goal?", "what turnout are they aiming for?", "the membership target", "the
            # participant target": people counted.
            r"|\bhead ?counts?\b|\bturnouts?\b"
            r"|\b(member(ship)?|participants?|attendees?|attendance|visitors?)"
            r" (targets?|goals?|numbers?|counts?|figures?|size|totals?)\b"
        ),
        frozenset({"人", "会員数"}),
    ),
    (
        re.compile(
            r"何回|回数(?!券)|頻度|"
            + _HELD_COUNTED
            + "|"
            + _HOW_OFTEN
            + "|"
            + _MANY
            + r"(times|sessions|seminars|events|meetings|meet-?ups|workshops|conferences|gatherings"
            r"|get-togethers|mixers|classes|courses|lectures|fairs|festivals|newsletters)\b"
            # "how many time per year?": the plural left off, as in a learner's English.
            r"|\bhow many (time|session|seminar|event|meeting|workshop|class|course|lecture)"
            r"(?=\s*([?.!,]|$|(per|a|an|each|every|in|by|for|do|does|did|will|would|is|are|they|you|the)\b))"
        ),
        frozenset({"回"}),
    ),
    (re.compile(r"何台|台数|" + _MANY + r"(cameras|aeds?|machines|devices|standpipes)\b"), frozenset({"台"})),
    (re.compile(r"何校|学校数|" + _MANY + r"schools\b"), frozenset({"校"})),
    (
        re.compile(
            r"何か所|何箇所|何カ所|何ヶ所|箇所数|何園|(農園|園|場所|拠点|施設)(や[^の、。]{0,8})?の数|"
            + _MANY
            + r"(sites|places|locations|plots|farms|spaces)\b"
        ),
        frozenset({"箇所", "園", "件"}),
    ),
    (re.compile(r"割合|何割|パーセント|%|\bpercent|\bshare of\b|\brate\b"), frozenset({"％"})),
    # 件 counts cases of anything countable but people, sessions and things: the document prints 件数 labels
    # in 件, 事業 and 団体.
    (
        re.compile(
            r"何件|件数|"
            + _MANY
            # hojokin, joseikin: grants, in the romaji some owners type.
            + r"(grants|subsidies|loans|contracts|cases|applications|projects|orders|hojokin|joseikin)\b"
        ),
        frozenset({"件", "事業", "団体", "社", "事業者"}),
    ),
    # Jobs are works done (工事の実施件数) or people hired, never events held.
    (re.compile(_MANY + r"jobs\b"), frozenset({"件", "人"})),
    # 軒 counts shops, bathhouses and houses: the document counts them as 件, 事業者, 社 or 団体.
    (re.compile(r"何軒|軒数"), frozenset({"件", "事業者", "社", "団体"})),
    (
        re.compile(
            r"何社|社数|企業数|事業者数|何店舗?|店舗?数|(店|店舗|会社|企業|事業者|事業所)(や[^の、。]{0,8})?の数|"
            + _MANY
            # "cos", "biz": companies and businesses, as typed in a hurry.
            + r"(companies|cos|firms|businesses|biz|startups|enterprises|shops|stores)\b"
            # "how many company they want to support": a plural left off, as in a learner's English (not "how many
            # business events", where the noun describes what is counted).
            r"|\bhow many (company|firm|business|startup|enterprise|shop|store)\s+(they|we|you|the|do|does|did|will"
            r"|would|is|are|can|should|get|gets|in|to|for|per|each|by)\b"
        ),
        # 事業: the factories' facility grant counts the businesses it funds so (助成件数).
        frozenset({"社", "事業者", "件", "事業"}),
    ),
    (
        re.compile(
            r"何団体|団体数|" + _MANY + r"(groups|organi[sz]ations|associations)\b"
            # 「区はどれくらいの商店街を支えてるの？」: shopping streets counted, as the document counts them (団体).
            r"|(どれくらい|どのくらい|どれぐらい|どれだけ|いくつ)の(商店街|商店会|団体)|(商店街|商店会)の数"
        ),
        frozenset({"団体", "件"}),
    ),
    (re.compile(r"何日|日数|" + _MANY + r"days\b"), frozenset({"日"})),
    (re.compile(r"何部|何枚|部数|枚数|" + _MANY + r"(copies|flyers|leaflets)\b"), frozenset({"部"})),
    # Money, areas, weights, rates and products the vision prints no target in: no indicator counts them, so the answer
    # shows the closest targets as such (「商店街支援の予算はいくら？」 is not answered with a number of 件).
    (
        re.compile(
            r"何円|[万億千]円|金額|目標額|予算|寄[附付]額|売上高|賃金|給料|給与|時給|年収|金利|利息"
            r"|ヘクタール|面積|平米|㎡|何坪|何トン|排出量"
            r"|(還元|失業|税|空室|空き店舗|就職|倒産|廃業|開業|成長|生存)率"
            r"|\byen\b|\bbudget|how much money|\bwages?\b|\bsalar(y|ies)\b|\bincomes?\b"
            r"|\bhectares?\b|\bacres?\b|\bsquare (meters|metres|feet)\b|\btons?\b|\btonnes?\b|\bco2\b"
            r"|何品|商品数|品目数|" + _MANY + r"(products|items|goods|souvenirs)\b"
            r"|\b(interest|unemployment|tax|vacancy|cashback|points?([- ]back)?|growth|employment|occupancy"
            r"|survival) rates?\b"
        ),
        frozenset(),
    ),
)
# A question that asserts a benefit and asks for a yes: the vision never promises one.
_PREMISE = re.compile(
    # A claim ends the question, or a quote of someone else's (「『全額出るんやろ？』って言うてはる」).
    r"(必ず|絶対|確実に|保証|当然|はずですよね|ですよね|んですよね|(よね|よな|でしょう?)[?？]?(?=[」』]|$)"
    # Kansai and plain forms of the same "…, right?": 「払ってくれるんやろ？」「出るんやんな」「もらえるだろ？」
    # 「全額出してもらえるんやな？」
    r"|(やろ|やんな|だろ|んやな)([?？]?(?=[」』]|$)|[?？](?=[^「」『』]{0,20}[」』]))"
    # Whether a benefit comes with a programme: 「家賃補助もセットでつくの？」, "does that come with a subsidy?"
    r"|(も|は)(セットで|一緒に)?(つく|付く|ついて(くる)?|付いて(くる)?)(の|ん|んですか|ますか|[?？])"
    r"|合って(る|ます)|本当(ですか|に)?[?？]|(ほんと|ホント)[?？]|ほんま(なん|やろか|に)?[?？]"
    # 「…ってことでええの？」「…ということでよろしいですか」: a reading of the programme put up for a yes.
    r"|(って|という|ちゅう)ことで(ええ|いい|よろし|よい|大丈夫|合って|間違いな)|(って|という)こと(やんな|ですね[?？])"
    # An advantage asked of: 「審査で有利になるのか」「加点されたりする？」
    r"|有利に(なる|なり|働)|加点(され|して(もら|くれ)|に(なる|なり))"
    # A cost the ward is said to meet: 「改装費って区が出してくれるの？」
    r"|区が(全部|全額)?(出して|負担して|払って|持って)くれ(る|ます)(の|ん|んですか|か)?[?？]?$)"
    # A benefit beyond what a measure prints, asked as a yes or no: 「登録免許税が半分になりますか？」
    r"|(半分|半額|無料|タダ|免除)(に|と)?(なり|なる|され)(ます|る)?(か|の|ん)?[?？]"
    r"|\b(confirm|guarantee[ds]?|surely|definitely|right\?|correct\?|is that (right|true|so)\b|is it true"
    # "…the ward pays my rent, yes?"
    r"|[,、]\s*(yes|yeah|yea|no|ok|okay|eh|am i right)\s*\?"
    # "does it come with a grant?" asks; "a contract that comes with social insurance" describes something else.
    r"|isn't it|doesn't it|won't it|(will|would) (they|the ward) (pay|cover)|"
    # "so they'll pay off my whole loan?": what the ward will pay, put up for a yes.
    r"\b(they|the ward)('ll| will) (pay|cover)\b[^?]{0,60}\?|(?<!that )(?<!which )\b(come|comes) with\b"
    # A benefit asked as a yes or no: "does it get me a discount?"
    r"|\b(does|will|would) (it|this|that|my \w+|our \w+) (get|give) (me|us|my|our|some|a|an|any)\b"
    # A benefit that comes of taking part: "If I attend, do I get a certificate?", "If I send my managers to the
    # seminar, do we get a subsidy?", "if we sign up, will the ward certify us?"
    # "If my factory hosts resident tours, does the ward pay us?", "will my company be certified?"
    r"|\bif (i|we|my \w+|our \w+) (attend|join|sign up|register|take part|participate|enrol|enroll|complete|send|go to"
    r"|take|use|finish|host)s?\b[^?]{0,60}\b(do|will|would|can|does) (i|we|the ward|they|you|it|my \w+|our \w+)"
    r"( \w+ly)? (get|receive|certify|give|pay|cover|list|feature|advertise|promote|recogni[sz]e"
    r"|be (certified|recogni[sz]ed|listed|featured|approved|selected|given|paid))\b"
    # "a guy at the union said so"
    r"|\b(said|told me|says) so\b)"
)
# A claim one heard, put to the test ("heard you get a big tax break if you get the certificate. true?"): a premise
# when the benefit comes on a condition or is claimed strongly; "I heard the ward is starting an accelerator with
# funding support. True?" asks whether a programme is there.
_HEARD = re.compile(
    r"\bheard\b[^?]{0,200}\b(true|right|correct|real|legit)\s*\?"
    r"|(って|と)聞い(た|て)[^。？?]{0,20}(そうなん|そうなの|そうですか|マジ|まじ|合って)"
    # Hearsay left for the reply to confirm: 「…もらえるって聞いたんやけど」「…タダやって言うてたで」
    r"|(って|と)(聞い(た|て)|聞きました|言うて(た|はった)|言って(た|ました)|ゆうて(た|はった))"
    r"(ん|んや|んだ|んです)?(けど|けれど|が|ので|で|よ|わ|ね|よね)?[。…!！\s]*$"
)
_CONDITION = re.compile(r"\bif (you|we|i|my|our)\b|(たら|れば)[、,]")
# 「…やろ？」 asked mid-text, with more said after it.
_CLAIM_MID = re.compile(r"(やろ|やんな|だろ)[?？].")
# 「…ってことですか？」: a reading of what was said, put up for a yes.
_READING = re.compile(r"(って|という)こと(ですか|でしょうか|なん|なの)?[?？]")
_FIGURE = re.compile(r"[0-9]+(割|%|％|万円|円)")
# 「講習に出たら…安く借りられるんやろ？」: a benefit claimed to follow from taking part.
_ON_CONDITION = re.compile(r"(たら|れば)[^。？?]{0,40}(やろ|やんな|だろ)[?？]")
_BENEFIT = re.compile(
    # 「出してくれる」 pays for the asker; 「計画的に工事を出してる」 is what the ward does. 「話を聞いてもらえる」
    # 「相談に乗ってもらえる」 is a consultation's own service, no benefit to claim.
    r"補助|助成|(?<!聞いて)(?<!見て)(?<!乗って)(?<!教えて)(もらえ|貰え)|出して(?!る|い|た)|負担して|(持|も)って(くれ|くださ|もら)|払って|支給|給付|無料|タダ|融資|貸して|認定"
    r"|採用され|免除|減免|内定|返して(くれ|もら)|全額|有利|優遇|加点|全部(払|出|持|負担)|還元|奨励金|報奨金|無利子"
    r"|(見つけ|紹介し|回し)て(くれ|もら)|税(金)?(が)?(安く|控除|優遇|免除|半分|半額)|半額になる|ボーナス|報奨"
    # Publicity or money the ward would give: 「ガイドブックに載せてくれる」, "the ward invests in us".
    r"|(掲載し|載せ|宣伝し|PRし)て(くれ|もら)|出資"
    # Cheaper rent, a job, money back: 「空き店舗を安く借りられる」「就職が保証される」「2割がポイントで戻ってくる」
    r"|安く(借り|使え|入れ|買え|な(る|り))|割引|値引|就職(でき|が(保証|決ま|約束))|(戻って|返って)く|[0-9]+割が"
    r"|\b(feature[sd]?|promote[sd]?|advertise[sd]?|list(s|ed)?) (my|our|us)\b|\binvest(s|ed|ing|ment)?\b"
    r"|買い?取って(くれ|もら)"
    # Takings said to rise by taking part: 「工賃は確実に上がる」, "our sales will go up".
    r"|(売上|売り上げ|工賃|収入|給料|給与|賃金|利益|客足)(が|は|も)?(確実に|必ず|絶対に?)?(上が|増え|伸び)"
    r"|\b(sales|income|wages|revenue|profits?)\b[^?]{0,20}\b(go up|rise|increase|grow|double)"
    r"|\bbe (featured|promoted|advertised|listed)\b"
    # Whole words where a longer word means something else: "payment", "freelance".
    r"|\b(pay|pays|paid|free)\b"
    r"|\b(cover|covers|grant|subsid|fund|reimburs|loan|approved|accepted|money|exempt|waive"
    r"|job offer|hired|give[sn]? (me|us)|sure to get|reserved for|guarantee|buy|buys|purchase|half off|discount"
    r"|certification|certificate|certified|certify"
    # "we'll definitely get it if we apply, right?": the programme itself claimed as a sure thing.
    r"|(definitely|surely|certainly|automatically) (get|receive|qualify"
    r"|be (approved|accepted|selected|chosen|eligible))\b"
    r"|find (me|us|my|our)\b|tax (break|cut|credit|relief)|bonus|rebate)"
)
_WONDERS_HOW_MANY = re.compile(
    r"(何|なん|いくつ|どれくらい|どのくらい|どれぐらい)[^。？?]{0,20}(やろ|だろ|でしょ)(か|う)?(か)?[?？]?$"
)
_WISH = re.compile(r"(ほしい|欲しい|たい|困って(い|る)|悩んで(い|る))(ん|の)?(です|だ)?よね")
# 「融資の相談が増えてる気がするんですよね」: the asker's own impression, with no benefit claimed.
_IMPRESSION = re.compile(r"(気がする|気がします|思う|思います|感じがする|感じ)(ん|の)?(です|だ)?よね")
# Asking whether a programme exists, or pays part of a cost, as one heard: no claim beyond what a measure prints.
_EXISTS = re.compile(
    r"一部|(制度|仕組み|しくみ|補助|支援|助成|融資|あっせん|事業|サービス)(が|って|も|は)?(ある|あった|あり|あん|やって)"
    # 「証明書もらえるやつ、ありましたよね」: the thing one heard of, asked after.
    r"|(やつ|もの|もん)[、,]?(って|が|も|は)?[、,]?(ある|あった|あり|あん)"
    # 「…を補助してくれるのってありましたよね？」「…受けられるようにする話ってありますよね？」
    r"|(の|話|取組み?|取り組み)(って|が|も)(ある|あった|あり|あん)"
    # 「区からちょっとでも補助出るってほんと？」: whether a subsidy one heard of is there at all.
    r"|(補助|助成)金?(が|って|も|は)?(出る|でる)(って|と)(ほんと|本当|ほんま|聞い)"
    r"|\b(part of the (cost|costs|price|expenses?|fee))\b|\b(is there|there is|there's|there was|they have|they run)\b"
)
# A claim beyond anything the vision prints: always, all of it, free, guaranteed.
_STRONG_CLAIM = re.compile(
    r"必ず|絶対|確実|全額|全部|ぜんぶ|まるごと|丸ごと|すべて|全て|100|無料|タダ|ただで|無償|免除|無利子|保証|約束|優先|いつでも|ずっと"
    # A share the vision does not print (it says 一部, part).
    r"|半分|半額"
    r"|\b(free|guarantee|definitely|surely|always|whole|entire|full|fully|all of|every|100|seed money|automatic|half)"
)
_LIST = re.compile(
    # 「区が全部持ってくれる」「全て払ってもらえる」 say "entirely", 「全部で何台」 "in total", not "every measure".
    r"(全部|すべて|全て|ぜんぶ)(?!(払|出(して|し)?(くれ|もら|る)|持|負担|もら|貰|返|面倒|カバー|無料|タダ|はら|もっ|もて|もち)"
    r"|で?(合わせて)?(何|いくつ|どのくらい|どれくらい)"
    # 「商店街ぜんぶで令和13年度に何台」: in total, a year between.
    r"|で[^。、？?]{0,14}?何(台|件|人|名|回|社|か所|箇所|ヶ所|校|園))|一覧|リスト|洗い出|網羅|全件|もれなく|漏れなく|何がある(か|の)?全"
    r"|\ball (the )?(measures|programs|programmes|initiatives|projects|support)|\blist (all|every|of)"
    r"|\bevery (measure|program)"
    r"|which measures (mention|include|involve|relate|are)|\bfull list\b|\bcomplete list\b|\blist them\b"
)
# 「入りたい」「うちも呼びたい」: a turn that only says the asker wants something.
_WISH_ALONE = re.compile(
    r"^[^。？?、,]{0,12}たい(です|んです|んですが|んですけど|けど|な|なあ|なぁ|わ|ねん|んや)?[!！。.…]*$"
)
_GREETING = re.compile(
    r"^(こんにちは|こんばんは|おはよう(ございます)?|はじめまして|ありがとう(ございます)?|よろしく(お願いします)?|もしもし|テスト"
    r"|(hello|hi|hey)( there)?|thanks|thank you|good (morning|afternoon|evening)|test|ok|yes|no)[!！。.?？\s]*$"
    # A widget tried out: 「テストです」, "test test 123", "testing 1 2 3".
    r"|^((テスト|test(ing)?|[0-9]+)[\s、,.。!！]*)+(です|でーす)?[。.!！]*$"
)
_MORE = re.compile(
    # "got it. anything else…", 「なるほど、ほかには？」: a courtesy may come first.
    r"^((got it|ok(ay)?|thanks|thank you|i see|cool|great|right|なるほど|了解|ありがとう(ございます)?)[\s,.!、。！]*)?"
    r"((ほかに(は|も)?|他に(は|も)?|その他|ほかの(事業|もの)?(は|も)?|他の(事業|もの)?(は|も)?|もっと|まだある)"
    r"|(any ?(thing|one)? ?(else|others?|more)|what else|(what|which) other|more|others?"
    r"|other (measures|ones|options))\b)"
)
# A "what else?" this long still asks only for more of the same ("any other support for people like me who work
# solo?"); English takes more letters.
MORE_MAX_CHARS = {"ja": 30, "en": 64}
# Instructions to the assistant instead of a question: to drop its rules, play a part, or write what it is told.
_INSTRUCTION = re.compile(
    r"\bignore (all |any |your |the )?(previous |prior |above |earlier )?(instructions|rules|prompts?)\b"
    r"|\byou are now\b|\bdeveloper mode\b|\bjailbreak|\bsystem prompt"
    # "pretend to be a lawyer", not "scam calls pretend to be from the ward"
    r"|(^|[.!?]\s*|\b(please|now|just|and|you|can you|could you|i want you to) )pretend (that |the |you |to )"
    r"|\brepeat after me\b|\breply (only )?(with )?[\"'][^\"']{1,20}[\"']"
    r"|\b(output|print|reveal|dump) (the |your )?(full |whole |entire )?(list of )?(your )?(source documents|prompt"
    r"|instructions|glossary|configuration)"
    r"|\bforget (the|your|all|everything)\b[^.?!]{0,30}\b(document|vision|instructions|rules)|\bfrom now on\b"
    r"|\bjust (write|say) (that|it)\b"
    r"|(指示|命令|ルール|設定|制約)[^。]{0,6}(無視|忘れ)|システムプロンプト|プロンプトを(表示|見せ|教え|出力)|開発者モード"
    # A client quoted (「お客さんが「…紹介してほしい」って言ってる」「『辞めたい』って言ってきて」) tells shien
    # nothing: 言ってる, 言ってきて are no 言って.
    r"|モードに(切り替え|切りかえ|して)|今後は[^。]{0,30}(と|って)(答え|言)"
    r"|[」』\"]\s*(って|と)(言って|答えて|書いて)(?![るいまはたおきくけこもし])"
    r"|そのまま(繰り返|復唱|出力)|(文面|文書|通知書?|決定通知)を(書いて|作って|作成し)"
    r"|(っぽい|それらしい|架空の)[^。]{0,12}(作って|つくって)|(書いて|載って)(なくて|へんくて)も(ええ|いい)から|になりきって"
)
# Talk about the assistant itself, or chat for its own sake: answered with what shien is for.
_SMALL_TALK = re.compile(
    r"\bwho (are|made|built|created) you\b|\bwhat are you\b|\bare you (a |an )?(bot|robot|human|real person|ai)\b"
    r"|\btell me a (joke|story)|\bwrite (me )?a (poem|song|story|haiku)|\bhow are you\b"
    r"|^((hey|hi|hello|yo)( there)?[\s,!]*)?(how'?s it going|how are things|what'?s up|how have you been)[\s!?.]*$"
    r"|^元気(ですか|\?|？)"
    # A private business or professional to recommend: the vision names programmes, never shops or advisers.
    r"|\b(recommend|suggest)( me)?( a| an| some| any| the)?( good| nice| cheap| reliable| trustworthy| english-speaking"
    r"| great| tasty| local| decent)* (tax )?(accountants?|lawyers?|restaurants?|caf[eé]s?|ramen|bars?|izakayas?"
    r"|hairdressers?|dentists?|doctors?|clinics?|hotels?|places? to eat|realtors?|estate agents?|plumbers?|sushi"
    r"|bakery|bakeries|painters?|contractors?|builders?|electricians?|carpenters?|mechanics?|photographers?"
    r"|translators?|movers?|cleaners?|gyms?)\b"
    r"|\bbest (ramen|caf[eé]|coffee|restaurant|sushi|bar|izakaya|bakery|pizza|lunch)\b"
    r"|\b(good|nice|great|decent|cheap|tasty|best|recommended)( \w+)? (lunch|dinner|breakfast|brunch|coffee|ramen"
    r"|sushi) (spots?|places?)\b"
    r"|\bwhere (can|should|to) (i |we )?(eat|grab (a bite|lunch|dinner|a coffee))\b"
    r"|\b(any|some) (good|nice|cheap|tasty|decent|great)[\w -]{0,15}? (ramen|sushi|restaurants?|caf[eé]s?|bars?"
    r"|izakayas?|lunch|coffee|pizza|food|bakery|bakeries)( spots?| places?| shops?)?\b"
    r"(?! (programs?|programmes?|support|subsid|grants?|schemes?|initiatives?|business|owners?|industry|sector))"
    r"|(おすすめ|オススメ|お勧め|おススメ)の?(カフェ|店|お店|ラーメン|飲み屋|居酒屋|定食屋|食堂|レストラン|焼肉|寿司|税理士"
    r"|弁護士|病院|美容院|ランチ)"
    r"|(カフェ|ラーメン屋?|居酒屋|飲み屋|定食屋|食堂|レストラン|ランチ|税理士|弁護士|美容院)(さん)?[、,]?(で|の)?"
    r"(おすすめ|オススメ|お勧め)"
    r"|(いい|ええ|良い|よい|美味しい|おいしい|うまい|安い|安め)の?(カフェ|店|お店|ラーメン屋?|飲み屋|居酒屋|定食屋|食堂"
    r"|レストラン|ランチ|税理士|弁護士|病院|美容院)(の(店|お店))?"
    # …but not a programme that introduces one (「いい税理士を紹介してもらえる制度は？」).
    r"(さん)?[、,]?(を|は|って)?(教えて|おしえて|紹介して|知らん|知らない|知って|どこか?(に)?(ある|あり))"
    r"(?![^。？?]{0,8}(制度|仕組み|しくみ|サービス|窓口|事業|支援))"
    # The weather is no business of the vision's (「週末は雨？」 after a turn about a festival).
    r"|天気予報|天気(は|って|どう|どない|どんな)|雨(は|が)?(降る|ふる|降り|ふり)"
    r"|\b(going to|gonna|will it) (rain|snow)\b"
    r"|\bweather (forecast|be like|this|tomorrow|on)\b"
    # A shop by its trade (「おいしいパン屋さん教えて」).
    r"|(美味しい|おいしい|うまい|評判の)[^。、？?]{0,4}屋(さん)?(を|が)?(教え|知ら|知り|知って|ある|どこ)"
    r"|あなた(は|って)(誰|だれ|何者|なに|何)|(誰|だれ)が(作|つく)った|(面白い|おもしろい|おもろい)話|ジョーク|雑談|恋愛"
    r"|(詩|ポエム|俳句)を(書|作|詠)"
)
_WHERE = re.compile(r"どこ(?!まで)|窓口|where|who (do|should|can) i (ask|contact|talk)")

# 「方針3」, 「目指す姿（7番）」, "policy 3", "goal no. 7".
_POLICY = re.compile(r"(?:基本的)?方針\s*[（(]?\s*(\d{1,2})|policy\s*(?:no\.?\s*|#)?(\d{1,2})")
_GOAL = re.compile(r"目指す姿\s*[（(]?\s*(\d{1,2})|goal\s*(?:no\.?\s*|#)?(\d{1,2})")
_INITIATIVE = re.compile(r"(?<![0-9])(\d{1,2})\s*[-ー－‐−]\s*(\d{1,2})(?![0-9])")
_OVERVIEW_WORDS = re.compile(
    r"何|どんな|どのような|内容|概要|教えて|一覧|含|ある|重点事業|取組"
    r"|what|which|tell me|list|overview|cover|include|contain|about"
)
# A share or percentage asked for is a rate, unless a target is asked (「継続利用率の目標」 is printed).
_SHARE = re.compile(
    r"割合|何パーセント|何%|what (rate|percentage)|what percent|how many percent|(what|how much|how many) ?%"
)
_TARGET_ASKED = re.compile(r"目標|target|goal")
# 「使い続ける人の割合」, "the share of Setagaya Pay users who keep using it": a share of people is what an indicator
# counts, not the share of a cost the ward bears.
_SHARE_OF_PEOPLE = re.compile(
    r"(人|者|客|ユーザー|会員)の割合|(\b(percentage|share|proportion|percent) ?|%\s*)of (the )?"
    + _NOT_A_COST
    + r"(users|people|customers|members|shoppers|participants)\b"
)


# A question put again in other words (「それは息子でも使えますか。つまり、…会えるような場はございますでしょうか」):
# the words after the marker are what is asked.
_ASKED_AGAIN = re.compile(r"(?<=[?。.!]) ?(つまり|要するに|言い換えると|\b(in other words|i mean|what i mean is)\b)")
# Examples of the asker's problem ("advice about unfair treatment from clients, like late payment and deadlines?"):
# what they went through, not a detail asked.
_EXAMPLES = re.compile(r",\s*(like|such as|for example|e\.g\.|including)\s[^?.!]*|\s(such as|e\.g\.)\s[^?.!]*")


# A statement that says what the asker wants to know (「日程を知りたいです」, 「取り方を聞かれました」).
# 「費用はかかるのかと気にされています」: what a client wonders about is what the desk asks.
_WANTS_TO_KNOW = re.compile(
    r"知りたい|教えて|聞きたい|訊きたい|聞かれ|訊かれ|尋ねられ|確認したい|わから|分から|か(どうか)?と?(気に|心配|不安)"
)


def _asked_part(text: str) -> str:
    """A question from its first question on, without the examples it gives: the statements before it tell the
    asker's situation ("Interest rates are creeping up and I need to borrow. Does the ward help …?", 「生産緑地の
    期限がくるねん。区はどういう方針なん？」), they ask for no detail, unless they say what the asker wants to know.
    Japanese without a question mark is read whole: its questions often end without one. (`text` is NFKC: 「？」 is
    "?".) A question asked again in other words is read from the words that ask it again."""
    again = [m for m in _ASKED_AGAIN.finditer(text) if "?" in text[: m.start()] or "か。" in text[: m.start()]]
    text = text[again[-1].start() :] if again else text
    first = text.find("?")
    if JAPANESE_SCRIPT.search(text):
        cut = text.rfind("。", 0, first) + 1 if first >= 0 else 0
        # 「補助率と上限額を知りたいそうです。分かりますか？」: the statement says what is asked, from its sentence on
        # (the story before it, 「いつまで朝三時起きが続けられるか」, asks nothing).
        if wants := [*_WANTS_TO_KNOW.finditer(text[:cut])]:
            cut = text.rfind("。", 0, wants[-1].start()) + 1
        return text[cut:]
    if first >= 0:
        cut = max(text.rfind(". ", 0, first), text.rfind("! ", 0, first))
        text = text[cut + 2 :] if cut >= 0 else text
    return _EXAMPLES.sub(" ", text)


def _counted_how_much(text: str) -> bool:
    """True when 「なんぼ」「いくら」 is the only amount asked and no money is named, or a count is named
    (「融資あっせんの件数の目標、なんぼ？」: the loans are what is counted): a count asked colloquially."""
    if not _HOW_MUCH.search(text) or (_MONEY.search(text) and not _COUNT_NAMED.search(text)):
        return False
    return not _AMOUNT.search(_HOW_MUCH.sub(" ", text))


# A count named by its noun (件数, 人数, 台数…), which is what 「なんぼ」 asks of, whatever money the thing counted is.
_COUNT_NAMED = re.compile(r"(件|人|回|台|社|校|団体|箇所|園|事業者)数")
_SAME_YEAR = re.compile(r"同じ年|\bsame year\b")


def asks_same_year(text: str) -> bool:
    """True when a turn asks for the year asked before (「同じ年度で」, "for the same year")."""
    return bool(_SAME_YEAR.search(text))


# One's own procedure, to talk over with someone: a need, not a programme's way to apply.
_CONSULTED_PROCEDURE = re.compile(r"手続き[^。？?]{0,20}相談(したい|に乗って|できる|でき(ません|ない)か|させて)")
_APPLYING = re.compile(r"\bappl(y|ying|ication)\b|\bsign(ing)? up\b|申請|申し?込", re.I)
# Someone to talk it over with, asked for in English ("Is there a labour & social insurance specialist I can talk to
# through the ward?"): the consultation is the need, whatever procedure the turn also names.
_SOMEONE_TO_ASK = re.compile(
    r"\b(someone|somebody|anyone|anybody|a person|specialist|expert|adviser|advisor|consultant|professional)\b"
    r"[^.?!]{0,25}\b(talk|speak|consult|ask)\b",
    re.I,
)
# The same in Japanese: 「誰か相談できる人おる？」「相談に乗ってもらえる？」.
_SOMEONE_TO_ASK_JA = re.compile(r"誰か[^。？?]{0,8}(相談|聞|話)|相談(でき|に乗|先|窓口)")


def asks_for_someone(text: str) -> bool:
    """Whether `text` asks for someone to talk to: "is there someone I can talk to?", 「誰か相談できる人おる？」."""
    return bool(_SOMEONE_TO_ASK.search(text) or _SOMEONE_TO_ASK_JA.search(text))


# A reason told after the question (「…どこかで見られますか？助成金の申請書に書きたくて」) asks nothing: its words
# (申請) are the asker's own purpose, no detail of a programme.
_TRAILING_REASON = re.compile(r"(?<=[?？])[^?？]*(たくて|たいので|たいから|ためで(す)?|ので|から)[。.!！…]*\s*$")


# "before I apply for anything, where can I get someone to look over my plan?": applying is what the asker will do
# next, not the detail asked.
_BEFORE_APPLYING = re.compile(r"\bbefore (i|we) (actually |formally )?(apply|sign up|register)\b( for [^,.?!]{0,30})?")
# "one of those farms where residents sign up for a plot": who joins, described by a relative clause, not how to.
_SIGN_UP_DESCRIBED = re.compile(r"\b(that|who|which|where) (?!(i|we|you|can|could)\b)([\w-]+ ){1,2}sign(s|ed)? up\b")
# "How many companies does the ward want to sign up for that hotline service?": a count of those who join, which
# targets print, asked with no year (not "how many people can sign up?", the places a session has).
_PLANNED_SIGN_UPS = re.compile(r"\bhow many\b[^?.!]{0,40}\b(want|hope|hoping|aim|aiming|expect|plan|planning)\b")


# 「無料かはわかんないけど、…相談にのってくれるとこある？」, "not sure if it's free, but …": a detail the asker
# does not know, said in passing; what they ask comes after it.
_UNKNOWN_IN_PASSING = re.compile(
    r"[^、。？?！!]{1,20}?(か|かどうか)(は|も)?((わか|分か)(らない|んない|らん)|(知|し)(らない|らん))(ん|です)?けど[、,]?"
    r"|\b(i'?m )?not sure (if|whether) [^,.?!]{1,40}?,? but\b"
)


# A count in a year (「年に何日開いてるん？」, "how many days a year"), which targets print, not opening hours.
_PER_YEAR = re.compile(r"年に|年間|毎年|\b(a|per|each) year\b")
# A count the plan expects (「見込み」「想定」), whatever the year.
_PLANNED = re.compile(r"見込|想定|予定|目標|\b(target|goal|aim|expect)")
# What a count grows to over the years (「何年でどのくらいになる」).
_GROWS_TO = re.compile(r"(どの|どれ)(くらい|ぐらい)(に|まで)?(なる|なり|増)")
# A count asked outright, whatever it counts ("how many public-facility works").
_COUNT_ASKED = re.compile(r"\bhow many\b|何(件|回|か所|ヶ所|箇所|カ所|人|社|校|台)|いくつ(?!か(?!な))")


# A limit on who qualifies (「何人まで」「何社以内」), not a count asked.
_COUNT_LIMIT = re.compile(r"何[^\s、。？?]{1,3}(まで|以内|以上|以下)")
# An English deadline told of in a sentence, before the text goes on ("…moves deadlines up without asking. I also…").
_TOLD_DEADLINE = re.compile(r"\bdeadlines?\b[^.!]*[.!]\s+\S")


# Days a place is open ("how many days will it be open by then?") are counted, never a length of time.
_DAYS_OPEN = re.compile(r"\bdays?\b[^?.!]{0,30}\bopen\b|何日[^。？?]{0,8}(開|あい|空い)")


def _detail(text: str, year: str | None, units: frozenset[str] | None) -> str | None:
    """Which programme detail the question asks for, if any.

    A share or a count asked for a plan year is a target (「一回使った人が使い続ける割合、2027年度は？」, "how many
    firms will sign up in FY2027?", "how many shops were they hoping to sign up in FY2024?"), not a subsidy rate or a
    way to apply."""
    text = _BEFORE_APPLYING.sub(" ", _TRAILING_REASON.sub("", _JOINABLE.sub(r"\1", text)))
    text = _UNKNOWN_IN_PASSING.sub(" ", _SIGN_UP_DESCRIBED.sub(" ", text))
    detail = next((name for name, pattern in _DETAILS if pattern.search(text)), None)
    if detail == "results" and year:
        # 「去年の実績じゃなくて、2027年度の目標件数」: a plan year's target.
        detail = next((name for name, pattern in _DETAILS[1:] if pattern.search(text)), None)
    if detail == "language" and (_CHAT_LANGUAGE.search(text) or _TOLD_IN_LANGUAGE.search(text)):
        return None
    if detail == "amount" and "?" not in text and not _AMOUNT.search(_YEN.sub(" ", text)):
        # Yen named in a text that asks nothing ("spent about 2 million yen on the fit-out. I wish…") is the asker's
        # story.
        detail = None
    if detail == "deadline" and "?" not in text and _TOLD_DEADLINE.search(text):
        # "…moves deadlines up without asking, and now they say they'll deduct 10%." tells of a client's deadlines in
        # sentences that ask nothing; "grant deadline" or "what's the deadline?" asks one.
        return None
    counted = units or _COUNT_ASKED.search(text)
    planned = year or _PER_YEAR.search(text) or _PLANNED.search(text)
    per_asker = _PER_ASKER_COUNT.search(text)  # 「うちの商店街には年に何回来てくれる？」 asks of the asker's own case
    if detail == "eligibility" and counted and planned and not (_COUNT_LIMIT.search(text) or per_asker):
        # 「何団体くらいが対象になる想定？2031年度で」, 「毎年何社くらいが対象になるの？」: how many a plan year's (or a
        # year's) target counts, not who qualifies.
        return None
    if detail == "rate" and year and _TARGET_ASKED.search(text) and not _BENEFIT.search(text):
        # 「何割くらいの人が使い続けるのを目標にしてるん？2027年度で」: a share the plan aims at, not a subsidy rate.
        return None
    if detail == "duration" and _GROWS_TO.search(text):
        # 「この先何年でどのくらいになる見込み？」: what a count grows to, not how long something takes.
        return None
    if detail == "eligibility" and _ONE_THAT_EXISTS.search(text):
        # 「建設じゃなくても参加できるようなのある？」: whether there is a programme the asker may join, not who
        # may join the one shown.
        return None
    if detail == "eligibility" and _WHICH_MEASURE.search(text):
        # 「そういうのって区の支援の対象になりますか？どの施策になるんでしょう」: which measure covers it.
        return None
    if detail == "operator" and _EXISTS_RUN_BY.search(text):
        # "Is there a one-stop place run by the ward where I can get career advice?" asks whether there is one.
        return None
    shares_cost = _SHARE.search(text) and not _TARGET_ASKED.search(text) and not _SHARE_OF_PEOPLE.search(text)
    if detail == "amount" and shares_cost and not year and units == frozenset({"％"}):
        # 「それは何パーセントもらえますか？いちばん多いでいくらですか？」: the most paid (and the rate), not how much
        # of a share counted.
        return detail
    of_target = year or units or _TARGET_ASKED.search(text) or _SAME_YEAR.search(text)
    if detail == "amount" and _counted_how_much(text) and of_target:
        # 「会員の目標はなんぼや」「同じ年でいかほどでしょう」: how much of a count or a target, no money named.
        return None
    if detail == "application" and units and (year or _PLANNED_SIGN_UPS.search(text)):
        return None
    if (counted and ((detail == "date" and year) or (detail == "contact" and (year or _PER_YEAR.search(text))))) or (
        detail == "duration" and units and (year or _DAYS_OPEN.search(text))
    ):
        # 「2031年度、何日開いてるん？」「年に何日開いてるん？」, "how many works does the plan schedule for FY2031?",
        # "how many days is it open in 2031?": a count for a plan year, or of days open in a year, is a target (not
        # opening hours, a date or how long something takes); 「年に何回か受付あるんですか？」 still asks when
        # applications open.
        return None
    if detail == "application" and _CONSULTED_PROCEDURE.search(text):
        # 「廃業の手続きってどう進めたらいいか相談したい」: help wanted with one's own procedure, which a desk gives.
        return None
    if detail == "application" and _SOMEONE_TO_ASK.search(text) and not _APPLYING.search(text):
        # "Do I have to enroll my part-timers…? Is there a specialist I can talk to?": not how to join a programme.
        return None
    if detail is None and shares_cost:
        # 「補助金の割合、2027年度は？」 still asks a subsidy rate.
        return None if year and not _BENEFIT.search(text) else "rate"
    return detail


ASKING_PHRASE_CHARS = 12
# The English words of a long asking phrase that only ask ("when is the next startup seminar being held"): the rest
# of the phrase is the subject.
_ASKING_WORDS = re.compile(
    r"\b(when|where|what|which|is|are|was|will|would|does|do|the|next|being|be|held|scheduled|located|take place"
    r"|start|starts|open|opens|run|exactly|e-?mail|address|phone|number|url|link|hours|how|much)\b"
)


# Nouns that name the detail asked (its cap, its rate), not what it is asked of.
_DETAIL_NOUNS = re.compile(r"上限|下限|限度|最高額|補助率|助成率|\b(cap|ceiling|upper limit)\b")


_DANGLING = re.compile(r"\s*、(?:\s*(?:の|は|が|を|に|で|も|って|と|や)(?=[\s?]|$))*\s*\??$")


def _subject(text: str) -> str:
    """What a detail question is about: the question without the words that ask for the detail or a yes.

    "Can a sole proprietor apply for the social business subsidy?" searches as "a sole proprietor … the social
    business subsidy": "apply for" says what is asked, and would pull towards whatever mentions applying."""

    def without_asking(match: re.Match[str]) -> str:
        phrase = match.group(0)
        if len(phrase) <= ASKING_PHRASE_CHARS:
            return " "
        # A long match (「でも区の起業の補助金って申請できますか」) holds the subject itself: kept, but for the English
        # words that only ask.
        return _ASKING_WORDS.sub(" ", phrase) if phrase.isascii() else phrase

    for pattern in (*(p for _, p in _DETAILS), _SHARE, _PREMISE):
        text = pattern.sub(without_asking, text)
    # 「設備の補助って上限いくら？」 is about the equipment subsidy; its cap is what is asked.
    text = _DETAIL_NOUNS.sub(" ", text)
    # 「工場の建て替えの補助、申請のしめきりいつですか」 leaves 「工場の建て替えの補助、 の」: the dangling 「、」 and
    # particle only blur the search for the thing asked about.
    return _DANGLING.sub("", re.sub(r"\s+", " ", text)).strip()


def _recased(lowered: str, original: str) -> str:
    """`lowered` with the capital acronyms of `original` (IT, DX) written in capitals again: in lower case "it" is
    a pronoun, and the subject of "the IT tools subsidy" is IT."""
    for acronym in acronyms(original):
        lowered = re.sub(rf"(?<![a-z]){acronym.lower()}(?![a-z])", acronym, lowered)
    return lowered


# A question pointing back (「それ」, "it") this short is about what was said before; English takes more letters.
FOLLOW_UP_MAX_CHARS = {"ja": 40, "en": 64}
# A short question pointing back (「その目標値は？」, "What are its targets?") continues the conversation.
_FOLLOW_UP = re.compile(
    r"^(その|それ|この|これ|あの|あれ|そこ|あそこ|同じ|他に|他の|ほかに|ほかの|では|じゃあ|なら)|それぞれ|その(目標|数|値)|"
    r"^(そういう|そんな|こういう|こんな|ああいう|あんな|関連する|関係する)|"
    # 「区の計画だと、どれがそれにあたる？」「区はそれに年何回出るの？」: a pronoun mid-turn, as "it" or "that" anywhere
    # in English (not 「それにしても」, nor それぞれ, それほど, それから).
    r"(?<=[はがでもとに、,])\s*(それ|あれ)(を|が|に(?!しても|しては))|"
    # "what if we're a construction company specifically?": the same need, for whom the turn says.
    r"^(and|what about|how about|what if|also)\b|\b(it|its|that|those|these|them|this|other|they)\b"
    # "how do I apply for one?": one of the things just talked about.
    r"|\b(apply for|get|join|sign up for|register for|order) one\b(?! of)"
    # "around there", not "is there" or "there are"
    r"|\bthere\b(?<!\bis there)(?<!\bare there)(?! (is|are|was|were)\b)(?!'s)"
    # 「スタンドパイプのほうは？」「同じ年で」: the same question about another thing, or for the same year.
    r"|の?(ほう|方)(は|って)[?？]|"
    + _SAME_YEAR.pattern
    # 「防犯カメラは？」「花育てるやつは？何校？」: a thing alone, asked as the last answer's question was.
    + r"|^[^、。,.?？\s]{1,12}(は|って)[?？]\s*(何[^、。,.?？\s]{1,4}[?？]?)?$"
    # 「建設業向けに絞ったもの」「建設業むけで何か」: the conversation's need, narrowed to whom it is for.
    r"|(向け|むけ)(に(絞|限)|で(何か|なにか)|のもの|のやつ)|に絞(っ|る|り)|\bnarrow(ed)? (it )?down\b"
)
# "does the ward help pay for fixing it up so we can stay?": the building told of before, worked on.
_FIXING_IT_UP = r"\b(fix|fixing|do|doing|spruce|sprucing|patch|patching)\s+(it|them|that|this)\s+up\b"
# A sentence opening with a connective ("what about …", 「じゃあ…」) continues it at any length, as does a thing
# pointed back to ("at those events", not "those who start a business").
_CONNECTIVE = re.compile(
    r"(^|[.!?。！？]\s*)(and|so|then|ok(ay)?|what about|how about|in that case)\b"
    # "They also want more jobs from…": more of the case told before, of the same asker or client.
    r"|(^|[.!?。！？]\s*)(they|he|she|we|i|the client|my client|our client) also\b"
    r"|\b(those|these)\s+(?!(who|that|which|with|in|of|from|for)\b)[a-z]"
    # "seminars on running a company with that kind of mixed team?": the team told of before.
    r"|\b(that|this|those|these) (kinds?|sorts?|types?) of\b"
    # "how many times a year does the ward plan to hold that, at the very start of the plan?": a programme said
    # before, the object of what the ward does with it, at the end of a clause.
    r"|\b(hold|run|do|offer|host|organi[sz]e|fund|give|provide|expand|grow)\s+(that|it|those|them|this|these)"
    r"(?=\s*([?.!,;]|$|(at|in|by|for|per|each|every|over|during|until|next|this)\b))"
    # "how many times will they send out info on that in FY2027?": a thing said before, the object of a preposition
    # closing a clause; not one the turn has just named in a clause before it ("we want to cut our CO2. Does the ward
    # send info on that?", "meeting other owners — is there a platform for that?").
    r"|^(?:(?![.!?;:—–]|\s-\s).)*?\b(on|for|about|of|with|to|from)\s+(that|it|this|them|those|these)"
    r"(?=\s*([?.!,;]|$|(at|in|by|for|per|each|every|over|during|until|next|like)\b))"
    + "|"
    + _FIXING_IT_UP
    + r"|^(では|じゃあ|じゃ|それなら|それでは|だったら|なら|あと|ほな|ほんなら|そしたら)[、,\s]?"
    # 「高校生だったら？」「農家の場合は？」: the same asked for another case, which the turn ends on.
    r"|(だったら|やったら|でしたら|なら|の場合(は|だと)?|だと|やと)(どう(なる|です|でしょう|なん|や)?か?)?[?？]\s*$"
    # 「ほんで、さっきのやつ…」「開園数はわかった。で、…」: "and so", and the thing talked about a moment ago.
    r"|(^|[。！？!?]\s*)(で|ほんで|そんで|それで)[、,]|さっきの(やつ|あれ|それ|話|件|目標)|先ほどの(件|話|目標)"
    # One of the things just talked about, picked by a word of it (「マッチングの方、…」「後の方の配信」「最初に言った
    # 方、…」, "the farm one — …", "the one for the shopping streets", "and the other one?"); not 「区の方で」.
    r"|^([^、。？?]{0,6}[、,])?(?!区の)[^、。？?]{1,20}?(の|言った|聞いた|話した|言うた)(ほう|方)"
    r"(は|の|って|、|,|やけど|ですが|なんですが|で|も|に|を|が)"
    r"|\bthe (other|first|second|latter|former) one\b|\bthe one (for|about|on|where|you)\b"
    r"|(^|[—–:;,.]\s*|\b(and|about|re|for|so|ok|okay)\s+)the [a-z'-]+(\s[a-z'-]+)? one\b"
)

# A turn that says it changes the subject (「ところで」, "by the way") is read on its own words, not after the last.
# At the start of the turn or of a sentence after a thanks (「そっか、ありがと。あと関係ないけど…」,
# "Thanks. By the way…").
_SENTENCE_START = r"(?:^|(?<=[。.!！?？])\s*)"
_NEW_TOPIC = re.compile(
    _SENTENCE_START + r"((ほんで|ほな|そんで|それで|んで|で|あと|あ|えっと)[、,\s]?)?"
    r"(ところで|話(は|が)?(変わ|かわ)|それはそうと|あ、?そうだ"
    r"|(それとは|これとは)?(全然|全く|まったく|ちょっと)?(別件|別の(話|質問|件|相談)|違う(話|質問)|関係ない)"
    # 「それとは別に、取引先から…」
    r"|(それ|これ|そっち|そちら)とは別(に|で))"
    # "OK. Separate thing - …": an acknowledgement ends with a full stop as well as a comma.
    r"|" + _SENTENCE_START + r"((ok(ay)?|oh|also|and|so)[,.!\s]+)?(by the way|btw|speaking of which|switching gears"
    r"|on (another|a different|an unrelated) (note|topic|subject)|((completely|totally|entirely|quite) )?unrelated\b"
    r"|off[- ]topic\b|random question\b|random(ly)?,? (but|though)\b|changing (the )?(topic|subject)"
    r"|((completely|totally|entirely|something|quite) )?(a |an |one )?(different|separate|unrelated|new|other) "
    r"(question|topic|subject|matter|thing)\b)"
)
# A programme pointed to as the one just shown (「そのセミナーが何時ごろ…」, "does that seminar cost anything?").
# The later of two things just talked about: 「後のほうのやつ」「後者」, "the latter".
_LATTER = re.compile(r"(後|あと)(に(言った|聞いた|話した))?の?(ほう|方)の(やつ|話|事業|件)|後者|\bthe latter\b")
_TURNS_BACK = re.compile(
    r"\bthe (first|second|other|former|latter|earlier) one\b|^\W*(ok(ay)?\W+)?and (for )?the\b"
    r"|(さっき|先ほど|前|最初|もう一つ|もうひとつ)の(方|ほう|やつ)|(の|る)(ほう|方)(は|も|で|って|が|の|、|,)"
)
_POINTED = re.compile(
    r"(その|この|あの|さっきの|先ほどの)(新しい)?(セミナー|講座|補助|助成|制度|事業|相談|窓口|イベント|スクール|プログラム"
    r"|サービス|交流会|研修|体験会|説明会|講習|勉強会|相談会)"
    r"|\b(that|this|the same)( new| free)? (seminar|course|workshop|grant|subsidy|programme|program|scheme|service"
    r"|event|consultation|school|fair|one|certificate|certification)\b|(その|この|あの|さっきの)証明書"
    r"|" + _LATTER.pattern
)
# The conversation's topic referred to, not named again (「そういう人と出会える場ってある？」, "any workshops on that
# for employers?", "recognition for shops doing that"): the topic said before is what the turn is about.
_TOPIC_POINTER = re.compile(
    r"そういう|そういった|そのような|そんな(?!に)|その(へん|辺|手の)|そこら(へん|辺)?|(それ|その)(関係|関連|系)"
    # 「似たようなのある？」「同じようなの」: one like the thing talked about.
    r"|(似た|同じ)(ような|みたいな)(の|もの|もん|やつ)"
    # The pronoun stands alone ("on that for employers?", "doing that?"): "that one", "that year" name a thing.
    r"|\b(on|for|about|with|doing|like|into) (all )?(that|this|those|these)"
    r"(?=\s*([?.!,]|$|(for|to|in|at|with|from|as|or|and|please|stuff|things?|kind|sort)\b))"
    # "anywhere we could ask about it?": "it", asked about, is the matter told before (not a programme: "on it").
    r"|\babout it(?=\s*([?.!,]|$|(for|to|in|at|with|from|here|please)\b))|" + _FIXING_IT_UP
)
# 「悩みはまったく同じ。建設業だと別のメニューある？」, "same problem, but we're a bakery": the need is the one told
# before, the turn only says for whom.
_SAME_NEED = re.compile(
    r"(悩み|困りごと|相談|状況|事情|課題|問題)(は|も)?(まったく|全く|ほぼ|だいたい|大体)?(同じ|一緒)"
    r"|同じ(悩み|困りごと|相談|状況|課題|問題)|\b(the )?same (problem|issue|situation|need|worry|question)s?\b",
    re.I,
)
# The asker as told before (「うちみたいな店」, "employers like us", "someone like me"): the asker's case is the topic.
_LIKE_THE_ASKER = re.compile(
    r"(うち|私|わたし|僕|ぼく|俺|おれ|自分|うちら)(みたいな|のような|と同じような)"
    r"|\b(like|such as) (me|us|mine|ours|myself|ourselves)\b"
)
# Who a turn asks for (「うちみたいな店の経営者向けに」, "for managers like me"): no topic a pointer could point at.
_FOR_WHOM = re.compile(
    r"[^、,。？?\s]{0,20}(向け|むけ)(に|の|で|は)?|\bfor (\w+ )?(owners|managers|employers|bosses|staff|people|us|me)"
    r"( like (me|us))?\b"
)
# A place named as one already shown (「その拠点」, "that new hub"): several measures may be held there, so it points
# back for a detail of the place, not for what else is on offer there.
_POINTED_PLACE = re.compile(
    r"(その|この|あの|さっきの|先ほどの)(新しい)?(拠点|施設|センター)"
    r"|\b(that|this|the same)( new)? (hub|centre|center|facility)\b"
)
# A programme referred to by a pronoun after a preposition ("Is listing her shop on it free?", "who runs it?" has no
# preposition and is read as usual): a detail asked of what was just shown.
_POINTED_PRONOUN = re.compile(
    r"\b(on|in|for|into|to|with|from|through|via|of|about|by) (it|them)\b"
    # The programme doing or costing something: "how much does it cost?", "what share do they actually cover?"
    r"|\b(does|do|did|will|would|can|could) (it|they) (actually |really |usually |normally |still )?"
    r"(cost|cover|pay|give|fund|charge|take|last|run|require|need|include|offer)\b"
    r"|^(それ|あれ|これ|そこ)(って|は|の|に|も|で|、)"
    # A detail of the programme's own: "what's their phone number?", "when is its deadline?"
    r"|\b(their|its) (phone|number|address|hours|opening hours|email|website|contact|office|location|fees?|deadline"
    r"|schedule|application)\b"
    # A detail asked of "that": "what's the application deadline for that and how much can we get?"
    r"|\b(deadlines?|fees?|costs?|price|rates?|cap|limit|forms?|requirements?|eligibility|criteria|address|phone number"
    r"|hours|schedule) (for|of) that\b(?! (reason|matter|purpose|kind|type|sort)\b)"
)
# The conversation's first topic named by its place (「最初のやつ」, 「一個目の話」, "the first thing").
_FIRST_TOPIC = (
    r"(一個目|1個目|一つ目|1つ目|ひとつ目|最初)の(?!年)[^、。？?]{0,12}?(やつ|話|件|ほう|こと)"
    # 「最初に聞いたほうの話」: the thing asked first.
    r"|最初に(聞いた|訊いた|言った|話した|お聞きした|伺った)(の|ほう|方|やつ|話|件)"
    r"|\bthe first (thing|question|topic|issue|problem|one)\b"
)
# A turn that goes back to an earlier topic and names it (「さっきの冷蔵庫の件」, "on the hiring thing from before").
_BACK_TO = re.compile(
    # (Not 「最初の年の令和6年度のほう」: the plan's first year, asked instead of the year just given.)
    r"(さっき|先ほど|先程|最初|前)((に)?(聞いた|話した|言った|訊いた)の?|の(?!年))[^、。？?]{1,20}(件|話|こと|ほう)"
    # 「最初に聞いたシニア向けのセミナーですけど、…」: the thing asked first, named, then the question about it.
    r"|(さっき|先ほど|先程|最初|前)に?(聞いた|話した|訊いた|お聞きした|伺った)[^、。？?]{1,20}?((です|や|だ)?けど|ですが)"
    # 「最初に聞いた機械の補助な、…」「最初に言うてくれたシニア向けのセミナー、…」: a thing said or shown first,
    # named, then the question about it.
    r"|(さっき|先ほど|先程|最初)に?(聞いた|話した|言った|言うた|訊いた|お聞きした|伺った|教えて(くれ|もらっ)た"
    r"|言う?てくれた|言ってくれた|紹介して(くれ|もらっ)た|出てきた|出た)[^、。？?]{1,20}?[、,]"
    # 「さっきのホームページの補助、…」: the earlier thing named, then the question (not 「最初の年度、」).
    r"|(さっき|先ほど|先程|最初)の[^、。？?年]{2,20}?[、,]"
    # 「話戻るけど、開業の補助って…」: a turn saying it goes back, then naming the topic.
    r"|話(を|は)?(元に)?(戻|もど)(る|す|して|しま|りま|った)"
    # 「お試し販売の件に戻ると、…」: a topic named and returned to.
    r"|[^、。？?]{1,20}?の(件|話|こと|ほう|方)に(戻|もど)(る|り|っ|ります)"
    rf"|{_FIRST_TOPIC}"
    # 「最初の講座の方に戻りますが、…」: the thing asked first, named, returned to.
    r"|(さっき|先ほど|先程|最初|前)の[^、。？?]{1,20}?に(戻|もど)(る|り|っ)"
    # (Not "I'm moving back to Canada": a move home.)
    r"|(?<!moving )(?<!move )(?<!moved )(?<!flying )(?<!heading )\b(back to|going back to"
    r"|(on|about) the [a-z -]{2,30} (thing|question|topic) (from )?(before|earlier))"
    # "the seniors' seminar you mentioned first, …": a thing named by when it came up.
    r"|\b(you|we|i) (mentioned|talked about|brought up|suggested|told me about|asked about) "
    r"(first|earlier|before|at the start|at first|in the beginning)\b"
)
# Going back to the first topic by its place in the conversation: with no word shared, the first turn is meant.
_BACK_TO_FIRST = re.compile(_FIRST_TOPIC)


# A side matter set aside before the question goes on (「年金はまた年金事務所で聞きます。話を戻すと、…」, "I'll let
# her check with the insurer. How many counselling sessions…?", "Let's drop that."): the office it names is where the
# asker will go, not what they ask now. So is a bare "ok thanks." before it.
_THANKS = r"(ok(ay)?|fine|thanks|thank you|alright|got it)"
# Japanese ways of setting a matter aside, closing a sentence: another office or person will see to it
# (「年金事務所で聞きます」「バイトの子に調べさせます」), the asker will (「区のHPで見てみます」
# 「メルマガは登録しとく」), or it can wait (「スタンプラリーはまたにします」「オーブンは間に合わないかも…まあいいや」).
_ASIDE_JA = (
    r"(で|に|へ)(また)?(聞|訊|き)(きます|いてみます|いてみる|く|こう|いときます|けばいい(か|な)?)"
    r"|(で|に)(確認|相談|問い合わせ)(します|してみます|してみる|する)"
    r"|(こっち|こちら|自分)で(何とか|なんとか|調べ)(する|します|ます|るわ)"
    r"|に(調べ|聞か|確認|やら)さ?せ(ます|る|とく)"
    r"|で(見て|調べて)(みます|みる|おきます|おく)"
    r"|(登録|申し込み|申込み?|予約)(しとく|しておく|しておきます|しときます)"
    r"|は(もう)?(いいや|いいです|ええわ|置いといて|また(に|今度に?|こんどに?)(します|する|しよう)?|今度(にします|で))"
    # 「年金の話はやめておきます」「その件は結構です」
    r"|は(もう)?(やめ(ておきます|ときます|とく|ます|とこう?)|結構です)"
    r"|まあ(いいや|いいです|ええわ|いっか)"
)
# The same in a clause before the question: 「講習会は置いといて、」「消費生活センターに言ってもらうとして…」.
_ASIDE_JA_CLAUSE = r"は(置|お)い(とい|ておい)て|(する|もらう|聞く|調べる|話す|頼む|言う)として"
# A thing other than the one pointed back at, acknowledged (「冷蔵庫のほうはわかった。」): no matter set aside (the
# answer was heard), but no part of the question either.
_ACKNOWLEDGED_JA = r"のほうは(わか|分か)(った|りました)"
# English: "forget the app.", "never mind the cameras.", "the parking can wait."
_SET_ASIDE_EN = r"(that|it|the [a-z' -]{2,30}?)"
_ASIDE = re.compile(
    rf"^[^。？?！!]{{0,40}}?((?P<ja>{_ASIDE_JA})(わ|ね|よ|か)?[。！!…]+|(?P<ja_clause>{_ASIDE_JA_CLAUSE})[、,…]+"
    rf"|{_ACKNOWLEDGED_JA}[。！!…]+)\s*"
    rf"|^(({_THANKS}|understood|sure|right)[,.!]*\s+)*"
    r"((?P<en>((i|we)('ll| will)|i'll let (him|her|them)|let me|i can) (check|ask|call|talk to|contact|look into|sort)"
    rf"[^.!?]{{0,50}}|let's (drop|leave|skip) (that|it)( for now)?|never ?mind (about )?{_SET_ASIDE_EN}"
    rf"|forget (about )?{_SET_ASIDE_EN}|(set|put|leave) {_SET_ASIDE_EN} aside|the [a-z' -]{{2,30}}? can wait)"
    rf"|{_THANKS}([, ]+{_THANKS})*)[.!]\s+",
    re.IGNORECASE,
)


def without_aside(question: str) -> str:
    """`question` without a side matter it first sets aside (see `_ASIDE`), when anything is asked after it."""
    text = question.strip()
    match = _ASIDE.match(text)
    rest = text[match.end() :] if match else ""
    return rest if rest.strip() else question


def sets_matter_aside(question: str) -> bool:
    """True when a turn opens by setting a side matter aside (「年金は年金事務所で聞きます。」, "Let's drop that."), not
    only by thanks: what it then asks goes back to the conversation before that matter."""
    match = _ASIDE.match(question.strip())
    return bool(match and (match.group("ja") or match.group("ja_clause") or match.group("en")))


def changes_topic(question: str) -> bool:
    """True when a turn says it changes the subject (「ところで」, "Different topic: …")."""
    return bool(_NEW_TOPIC.search(unicodedata.normalize("NFKC", question).strip().lower()))


def goes_back(question: str) -> bool:
    """True when a turn returns to an earlier topic by a name of it (「最初のご近所との関係の話ですが」)."""
    return bool(_BACK_TO.search(unicodedata.normalize("NFKC", question).strip().lower()))


# The words saying that a turn goes back, which name no topic ("Back to the first one" shares "back" with "pay back
# employees' student loans").
_GOING_BACK_WORDS = re.compile(
    r"\b((going|go|coming|come|getting|get) )?back to\b|\bthe first (thing|question|topic|issue|problem|one)\b",
    re.IGNORECASE,
)


def without_going_back_words(question: str) -> str:
    """`question` without the words that only say it goes back (see `_GOING_BACK_WORDS`)."""
    return _GOING_BACK_WORDS.sub(" ", question)


def goes_back_to_first(question: str) -> bool:
    """True when a turn returns to the conversation's first topic by its place (「最初のやつ」, "the first thing")."""
    return bool(_BACK_TO_FIRST.search(unicodedata.normalize("NFKC", question).strip().lower()))


# 「それほんま？」, "is that true?": a turn that only asks whether what was just said holds.
_ASKS_IF_TRUE = re.compile(
    r"(それ|それって|そんなん|そうなん|そう)?[、,\s]*(ほんま|本当|ほんと|ホント|マジ|まじ)(に|で|なん|なの|ですか|でしょうか|やろか|かいな|かな|の)?"
    r"|((is|was) (that|it|this) )?(really|true|right|correct)|(is|was) (that|it|this) (really )?(true|right|correct|so)"
)


def asks_if_true(question: str) -> bool:
    """True when a turn only asks whether the claim before it is true (「それほんま？」, "is that true?")."""
    text = unicodedata.normalize("NFKC", question).strip().lower().rstrip("?!。. ")
    return bool(_ASKS_IF_TRUE.fullmatch(text))


@dataclass(frozen=True)
class Analysis:
    """What `analyze` found in a question."""

    text: str  # NFKC-normalised
    lang: str
    wants_number: bool
    year: str | None  # "R6" | "R9" | "R13"
    other_year: str | None  # a year the vision sets no target for, e.g. "R8"
    # "results" | "rate" | "amount" | "deadline" | "duration" | "date" | "eligibility" | "application" | "fee"
    # | "contact" | "operator" | "format" | "language"
    detail: str | None
    subject: str  # a detail or premise question without the words asking for the detail or a yes
    units: frozenset[str] | None  # the printed units that count what a number question counts (何人 → 人; 予算 → none)
    exact_unit: str | None  # the unit a Japanese counter names exactly (何社 → 社, where 件 also counts companies)
    premise: bool  # asserts a benefit and asks for a yes (「必ずもらえるんですよね？」)
    wants_list: bool  # every measure of a kind (「創業に関する事業を全部」)
    wants_more: bool  # 「ほかには？」: further measures for the previous question
    nonsense: bool  # nothing to search for: punctuation, emoji, a greeting
    instructs: bool  # tells the assistant what to be or say (「指示を無視して」, "you are now DAN"): never obeyed
    small_talk: bool  # about the assistant itself or chat for its own sake ("who are you?", 「おもろい話して」)
    greeting: bool  # こんにちは, hello, thanks
    thanks: bool  # only thanks or acknowledges (「ありがとう、助かったわ」, "got it, thanks")
    asks_where: bool
    policy: int | None
    goal: int | None
    initiative: str | None
    follow_up: bool
    new_topic: bool  # says it changes the subject (「ところで」, "by the way")
    goes_back: bool  # returns to an earlier topic, naming it (「さっきの冷蔵庫の件」)
    years_later: int | None = None  # "and three years later?": years after the one the conversation asked about
    ruled_out: tuple[str, ...] = ()  # what a correction rules out (「回数やなくて件数」: 回数), see `ruled_out`
    chat_language: str | None = None  # the language the asker wants the chat carried on in ("can we go on in English?")
    # In a conversation, the units the question before counted in (set by the composer, which has the conversation).
    units_before: frozenset[str] | None = None

    @property
    def of_a_measure(self) -> bool:
        """True when the question asks something of a measure (a detail, a benefit, a target, a numbered part of the
        vision), which is judged by that measure, not by scope or breadth alone."""
        return bool(self.detail or self.premise or self.wants_number or self.structural)

    @property
    def asks_who_may_use(self) -> bool:
        """True when, among the details it asks, the question asks who may use a programme
        (「区外在住でも登録できますか？月額っていくらくらい？」 asks an amount first)."""
        return bool(self.detail) and bool(_ELIGIBILITY.search(self.text.lower()))

    @property
    def checks_which_one(self) -> bool:
        """True when the turn checks which programme was meant (「ＨＰとネット広告に使えるほうで合ってる？」, "that was
        the app one, right?"); not a target asked (「最後のほうで合ってる数字を教えて」)."""
        return bool(_CHECKS_WHICH_ONE.search(self.text.lower())) and not self.wants_number

    @property
    def asks_to_join(self) -> bool:
        """True when the question asks whether the asker may join too (「うちの店も参加できますか」), or whether what
        was just talked about suits someone the asker names (「農家さんにも勧めて大丈夫ですか」)."""
        return bool(_JOINS_TOO.search(self.text))

    @property
    def points_back(self) -> bool:
        """True when the question points to a programme as one already named (「そのセミナー」, "that grant")."""
        return bool(_POINTED.search(self.text.lower()))

    @property
    def asks_of_a_measure(self) -> bool:
        """True when the question asks a target, a term the vision does not print, or checks a claim: it is about a
        programme, never a remark or a private matter."""
        return self.wants_number or bool(self.detail or self.premise)

    @property
    def turns_back(self) -> bool:
        """True when the turn goes back to one of the things talked about, by its place ("and the first one?",
        「さっきの方」) or by naming it next ("And the business consultation desk — …?", 「設備の方の補助率」)."""
        return bool(_TURNS_BACK.search(self.text.lower()))

    @property
    def points_to_latter(self) -> bool:
        """True when the question picks the later of the things just talked about (「後者」, "the latter")."""
        return bool(_LATTER.search(self.text.lower()))

    @property
    def states_a_wish(self) -> bool:
        """True when the turn only says the asker wants something, briefly (「入りたい」「うちも呼びたい」)."""
        return bool(_WISH_ALONE.search(self.text)) and not (self.detail or self.premise or self.wants_number)

    @property
    def points_by_pronoun(self) -> bool:
        """True when the question refers to a programme by a pronoun ("Is listing her shop on it free?")."""
        return bool(_POINTED_PRONOUN.search(self.text.lower()))

    @property
    def points_to_place(self) -> bool:
        """True when the question points to a place as one already named (「その拠点」, "that new hub")."""
        return bool(_POINTED_PLACE.search(self.text.lower()))

    @property
    def refers_to_topic(self) -> bool:
        """True when the question refers to the topic said before instead of naming it (「そういうの」, "for that")."""
        return bool(_TOPIC_POINTER.search(self.text.lower()))

    @property
    def says_same_need(self) -> bool:
        """True when the question says its need is the one told before (「悩みはまったく同じ」, "same problem")."""
        return bool(_SAME_NEED.search(self.text))

    @property
    def means_the_asker(self) -> bool:
        """True when the question asks for someone like the asker (「うちみたいな店」, "employers like us"): the case
        the asker told before is what it is about."""
        return bool(_LIKE_THE_ASKER.search(self.text.lower()))

    @property
    def before_topic_pointer(self) -> str:
        """The words of the question before it refers to the topic ("cut our CO2 emissions. Does the ward send info
        on" before "that"), less those saying for whom (「経営者向けに」): what the pointer may point at within the
        turn itself ("" when it refers to nothing)."""
        match = _TOPIC_POINTER.search(self.text.lower())
        return _FOR_WHOM.sub(" ", self.text[: match.start()]) if match else ""

    @property
    def corrected(self) -> str:
        """The question without the phrases it rules out: what it asks for instead."""
        text = self.text
        for phrase in self.ruled_out:
            text = text.replace(phrase, " ")
        return text

    @property
    def structural(self) -> bool:
        """True when the question names a numbered policy, goal or initiative."""
        return self.policy is not None or self.goal is not None or self.initiative is not None


def _reiwa_number(digits: str) -> int:
    """令和9 or 令和九, 令和十三: the year's number."""
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return KANJI_DIGITS.get(digits, 0)
    tens, _, ones = digits.partition("十")
    return KANJI_DIGITS.get(tens, 1) * 10 + KANJI_DIGITS.get(ones, 0)


_YEAR_WORDS = re.compile(
    _REIWA_NUMBER
    + r"(年度?)?|"
    + _SHORT_REIWA.pattern
    + "|"
    + _SHORT_WESTERN_YEAR.pattern
    + r"|(?<![a-z0-9])(fy\s?)?r\s?([12]?\d|30)(?![0-9])(\s?年度?)?"
    r"|(?<![a-z0-9])(fy\s?)?20\d\d(?![0-9])(\s?年度?)?|\bfy\s?'?\d\d\b",
    re.IGNORECASE,
)


def without_years(text: str) -> str:
    """`text` without the fiscal years it names (R9, 令和9年度, FY2027, 2027年度), which are no topic of it.

    R60-SETAGAYA- is a programme's name, not a year; 「最終年度」, "the first year", "the middle year" and "three
    years later" name years too."""
    text = _YEAR_WORDS.sub(" ", with_years_in_digits(unicodedata.normalize("NFKC", text)))
    for named in (_FINAL_YEAR, _FIRST_YEAR, _MIDDLE_YEAR, _YEARS_LATER):
        text = named.sub(" ", text)
    return text


# How a fiscal year is written, each form with its number read as a Reiwa year, in the order they are looked for.
_YEAR_FORMS: tuple[tuple[re.Pattern[str], Callable[[str], int]], ...] = (
    (_REIWA, _reiwa_number),
    (_SHORT_REIWA, int),
    (_R_YEAR, int),
    (_WESTERN_YEAR, lambda western: int(western) - 2018),
    (_SHORT_FISCAL_YEAR, lambda short: int(short) + 2000 - 2018),
    (_SHORT_WESTERN_YEAR, lambda short: int(short) + 2000 - 2018),
)


# A year the asker rules out (「6年度やなくて最終年度の数字」, "not FY2024, the final year"): not the year asked.
_RULED_OUT_YEAR = re.compile(
    r"(令和|r)?\s*[0-9]{1,4}\s*年度?(の[^、。？?]{0,6})?(やなくて|じゃなくて|ではなくて?|でなくて?)"
    r"|\bnot (for |in )?(fy ?)?(20\d\d|r\d{1,2})\b"
)


# One of several years named, chosen as the one asked (「2024年度と2027年度で違う？2027年度の方を教えて」).
_CHOSEN_YEAR = re.compile(r"(" + _YEAR_WORDS.pattern + r")\s*の\s*(方|ほう)(を|が|は|で|も|、|[?？]|$)", re.IGNORECASE)


# A turn correcting itself (「令和13年度で。…あ、いや、中間の年の方で」, "FY2027 — no wait, FY2031"): what follows
# the last correction is what is meant.
_CORRECTS_ITSELF = re.compile(
    r"(あ|ああ|あっ)?[、,]?\s*(いや|いえ|ちが|違|やっぱ|訂正)|じゃなくて|やなくて|ではなく"
    r"|\b(no wait|wait,? no|sorry|actually|i mean|i meant|or rather|make that|correction)\b"
)


def _as_corrected(low: str) -> str:
    """`low` from its last self-correction on, when a year is named on both sides of it; else `low`."""
    marks = list(_CORRECTS_ITSELF.finditer(low))
    if not marks:
        return low
    before, after = low[: marks[-1].start()], low[marks[-1].end() :]

    def names_year(text: str) -> bool:
        return _year(text) != (None, None) or any(pattern.search(text) for pattern, _ in _PLAN_YEARS)

    return after if names_year(before) and names_year(after) else low


# A sentence checking a figure or year already given: "…, right?", "wasn't it?", 「…やったっけ」「…ですよね？」.
_CHECKS_SAID = re.compile(
    r"\b(right|correct|yeah|yes|no)\s*[?？]\s*$|\b(wasn'?t|isn'?t) (it|that)\s*[?？]\s*$|\bis that right\b"
    r"|(だ|や|でした|だった|やった)?っけ[?？]?\s*$|(です|だ|や)?よね[?？]?\s*$|(で|て)(合って|あって)(る|ます)[?？]?\s*$"
)


def _asking_sentence(low: str) -> str:
    """The one sentence of `low` that names a year and asks, when another names another year ("I saw 8 times for
    FY2024. What's the target for FY27?", 「令和6年度の830台は見ました。で、令和13年度は何台を目指してるんですか」);
    else `low`."""
    sentences = [s for s in re.split(r"(?<=[。.!！?？\n])\s*", low) if _year(s) != (None, None)]
    if len({_year(s) for s in sentences}) < 2:
        return low
    asking = [s for s in sentences if re.search(r"[?？]", s)]
    # "8,400 was FY2027, right? what about FY2031?": a sentence checking what was said asks nothing new.
    asking = [s for s in asking if not _CHECKS_SAID.search(s)] or asking
    # "Was it really 110 for 2027? And what's the figure for 2031?": a sentence quoting a figure checks it.
    asking = [s for s in asking if not _quotes_figure(s)] or asking
    # Without a question mark, the sentence asking a number (「何台を目指してる」); "I saw 8 times" asks none.
    asking = asking or [s for s in sentences if _NUMBER_JA.search(s) or _NUMBER_EN.search(s)]
    return asking[0] if len(asking) == 1 else low


def _quotes_figure(sentence: str) -> bool:
    """True when `sentence` names a number besides its years ("30 people in 2027, really?", "8,400 — was that the
    2027 target?")."""
    for pattern, _ in _YEAR_FORMS:
        sentence = pattern.sub(" ", sentence)
    return bool(re.search(r"[0-9０-９]", sentence))


def _year(text: str) -> tuple[str | None, str | None]:
    """(target year, year without targets) of the fiscal year `text` chooses of several, else of the first it names,
    by the first form that matches."""
    if (chosen := _CHOSEN_YEAR.search(text)) and chosen.group(1) != text:
        return _year(chosen.group(1))
    for pattern, reiwa in _YEAR_FORMS:
        # A year before Reiwa ("I made it back in 2012", 「従業員2000人」) is no fiscal year of any plan.
        if (match := pattern.search(text)) and (number := reiwa(match.group(1))) > 0:
            label = f"R{number}"
            return (label, None) if label in YEARS else (None, label)
    return None, None


# A question this short that names a year asks about it, mark or not (「2019年度は」, "memo mag 2019").
_SHORT_ASK_CHARS = 20


def _year_asked_about(low: str) -> bool:
    """True when `low` is short, or a sentence of it that names a year asks something (has a question mark)."""
    if len(low) <= _SHORT_ASK_CHARS:
        return True
    return any(
        _year(sentence) != (None, None) and re.search(r"[?？]", sentence)
        for sentence in re.split(r"(?<=[。.!！?？\n])\s*", low)
    )


def fiscal_year(day: date) -> int:
    """The Western year a Japanese fiscal year (April to March) containing `day` starts in."""
    return day.year if day.month >= 4 else day.year - 1


def _alone(pattern: re.Pattern[str], text: str) -> bool:
    """True when `text` is what `pattern` matches and a connective at most (「じゃあ来年度は？」, "and three years
    later?"): a year asked on its own."""
    return bool(_BARE_YEAR.fullmatch(pattern.sub("", text)))


def _relative_year(text: str, current: int, asks_number: bool) -> tuple[str | None, str | None]:
    """(target year, year without targets) of 「今年度」「来年度」, "this fiscal year", "next year"… read against the
    fiscal year `current`: asked in FY2026, 今年度 is R8, for which the vision sets no target. Only a target asked
    for, or the year alone (「来年度は？」, "And next year?"), reads as one: 「今年開業した」 asks about no year."""
    for pattern, offset in _RELATIVE_YEARS:
        if pattern.search(text) and (asks_number or _alone(pattern, text)):
            label = f"R{current + offset - 2018}"
            return (label, None) if label in YEARS else (None, label)
    return None, None


# Counters asked in kana (「なんかしょ」, 「なんにん」, 「なんだんたい」) read as their kanji, which the unit tables
# match. Not なんだい ("what is it?"), and なんかい only where it cannot be なんか + い… (「なんかいい支援」).
_KANA_COUNTERS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), kanji)
    for pattern, kanji in (
        (r"なん(?:か|カ|ヶ|ケ)(?:しょ|所)", "何箇所"),
        (r"なんにん", "何人"),
        (r"なんけん", "何件"),
        (r"なんしゃ", "何社"),
        (r"なんだんたい", "何団体"),
        # 「なん人」「なん件」: the counter in kanji after kana なん.
        (r"なん(?=[人件回社台校園名]|団体)", "何"),
        # (Learners space their words: 「1ねん に なんかい おくる？」.)
        (r"なんかい(?=\s?(くらい|ぐらい|ほど|[?？]|開|実施|やる|する|配信|おく|送|の予定|を?目標))", "何回"),
        # 「年に何べんくらい開くん？」「何度くらい」: how many times (not 何度も, "again and again", nor 何度目).
        (r"(?:何|なん)(?:べん|遍)(?!も)|何度(?![もか目])", "何回"),
    )
)


_PLANNED = re.compile(r"見込|予定|目標|計画|目指|めざ|\b(aim\w*|target\w*|plan\w*)\b")


def _asks_planned_count_after(low: str) -> bool:
    """True when the last sentence of `low`, after another one, asks a count the plan sets, by a plan year or a word
    of aiming (「…んやろ？何人に出す予定？」, "…right? how many do they aim for?")."""
    sentences = [s for s in re.split(r"(?<=[?。])", low) if s.strip()]
    last = _INDEFINITE_COUNT.sub(" ", sentences[-1]) if len(sentences) > 1 else ""
    planned = bool(_PLANNED.search(last) or any(_year(last)))
    return planned and bool(_NUMBER_JA.search(last) or _NUMBER_EN.search(last))


def with_counters_in_kanji(text: str) -> str:
    """`text` with the counters it types in kana written in kanji (なんかしょ → 何箇所)."""
    for pattern, kanji in _KANA_COUNTERS:
        text = pattern.sub(kanji, text)
    return text


def analyze(question: str, lang: str | None = None, current_year: int | None = None) -> Analysis:
    """Read the signals shien answers by from one question; `current_year` is the fiscal year it is asked in."""
    text = with_counters_in_kanji(with_years_in_digits(unicodedata.normalize("NFKC", question).strip()))
    low = text.lower()
    said = _as_corrected(low)
    year, other_year = _year(_RULED_OUT_YEAR.sub(" ", _asking_sentence(said)))
    if not (year or other_year) and (short := _SHORT_REIWA_YEAR.search(said)) and _alone(_SHORT_REIWA_YEAR, said):
        # 「ほな13年は？」: a plan year asked on its own, 度 left off.
        year, other_year = _year(f"令和{short.group(1)}年度")
    if (year or other_year) and (counted_on := _counted_on_from_named(low)):
        # "The plan starts in 2024, right? How many … three years after that?": the year named, counted on.
        year, other_year = years_after(year or other_year or "", counted_on)
    counted = _INDEFINITE_COUNT.sub(" ", low)
    asks_number = bool(_NUMBER_JA.search(counted) or _NUMBER_EN.search(counted) or _EACH_YEAR.search(counted))
    if other_year and not asks_number and not _year_asked_about(low):
        # "Our website is one page my husband made in 2022.": a year told in a story, not a target year asked about.
        other_year = None
    asks_number = asks_number and not (_FINDS_DATA.search(low) and not (year or other_year))
    # 「セミナー 開催数 初年度」, 「継続利用 割合 最終年度」, 「最初の年はもっと多いん？」, 「最終年度はなんぼ？」:
    # what a label counts, a share, a comparison or "how much" without money, with a plan year, asks its target.
    named_year = year or other_year or any(pattern.search(low) for pattern, _ in _PLAN_YEARS)
    counts = any(p.search(low) for p in (_COUNTED_NOUN, _SHARE, _COMPARED, _AIMED)) or _counted_how_much(low)
    asks_number = asks_number or bool(named_year and counts) or bool(_SHARE_OF_PEOPLE.search(low))
    # The plan's own years first: "the last year of the plan" is FY2031, not the year before this one.
    # A year the turn corrects itself to (「令和13年度で。…あ、いや、中間の年の方で」) is asked.
    corrected = said != low
    for pattern, named in _PLAN_YEARS:
        # 「最終年度は？」 alone names the year as much as 「最終的には何社」 does.
        if not (year or other_year) and pattern.search(said) and (asks_number or corrected or _alone(pattern, said)):
            year = named
    if not (year or other_year) and current_year is not None:
        year, other_year = _relative_year(low, current_year, asks_number)
    policy = _POLICY.search(low)
    goal = _GOAL.search(low)
    initiative = _INITIATIVE.search(low)
    units = _counted_units(low)
    if units is None and (asks_number or year or other_year):
        # 「AEDを令和13年度までに150台にするって聞いた」, "HR said 10,000 members by 2031": no counter asked, but the
        # figure said counts in its own.
        units = _stated_units(low)
    asked = _asked_part(low)
    detail = _detail(asked, year, units)
    if detail is None and (unspaced := joined(asked)) != asked:
        # 「つぎは いつ どこで やるんでしょう」: Japanese typed with spaces between its words asks as it would without.
        detail = _detail(unspaced, year, units)
    # 「制作費の一部を出してくれる制度あったよね？」 checks that a programme the vision prints exists; 「必ず」「全額」
    # claim more than it prints.
    confirms = bool(_EXISTS.search(low)) and not _STRONG_CLAIM.search(low)
    # 「試してもらえる場所がほしいんですよね。」 states a wish, with no benefit claimed.
    heard = bool(_HEARD.search(low)) and bool(_CONDITION.search(low) or _STRONG_CLAIM.search(low))
    # 「2割がポイントで戻ってくるんやろ？張り紙にそう書いてええか？」: a figure, a strong claim or a benefit on a
    # condition, then more said (not 「区の融資って利子ちょっと見てくれるんやろ？どんな感じなん？」).
    claimed = bool(_CLAIM_MID.search(low)) and bool(
        _STRONG_CLAIM.search(low) or _FIGURE.search(low) or _ON_CONDITION.search(low)
    )
    # 「会社が負担する分の半分を区が出してくれるってことですか？」 claims more than the vision prints; 「相談を区で
    # してもらえるってことですか？」 only what it prints.
    claimed = claimed or bool(_READING.search(low) and (_STRONG_CLAIM.search(low) or _FIGURE.search(low)))
    stated = _IMPRESSION.sub(" ", _WISH.sub(" ", low))
    premise = bool((_PREMISE.search(stated) or heard or claimed) and _BENEFIT.search(low)) and not confirms
    # 「区は何件くらいを見込んでるんやろ」「何件採択されるんでしょう」 wonder about a count; they claim nothing.
    premise = premise and not _WONDERS_HOW_MANY.search(low)
    # 「ＨＰとネット広告に使えるほうで合ってる？」 checks which programme was meant, not a benefit (unless it claims
    # more than a measure could print: 「全額出るほうで合ってる？」).
    premise = premise and not (_CHECKS_WHICH_ONE.search(low) and not _STRONG_CLAIM.search(low))
    premise = premise and not (_WHICH_REALLY.search(low) and not _STRONG_CLAIM.search(low))
    # 「それ受けたら証明書もらえるんやろ？何人くらいに出す見込みなん」: a claim, then the plan's count asked in a
    # sentence of its own. The target is the question (its label answers the claim as well), unless the claim says more
    # than a measure could print (「必ずもらえるんですよね？」).
    premise = premise and (bool(_STRONG_CLAIM.search(low)) or not _asks_planned_count_after(low))
    # "and three years later?" asks for the target that many years after the one just asked about.
    later = _years_later(low) if not (year or other_year) else None
    later = later if later and (asks_number or _alone(_YEARS_LATER, low)) else None
    wants_number = asks_number or bool(year or other_year or later)
    # "Can we continue in English?" is answered in English, whatever language it is asked in.
    chat = _CHAT_LANGUAGE.search(low)
    chat_language = None if chat is None else "en" if re.search(r"english|英語", chat.group(0)) else "ja"
    # 「英語で教えてもらえる？」 asks this answer in English, and is still a question of its own (no small talk).
    told = _TOLD_IN_LANGUAGE.search(low)
    told_language = None if told is None else "en" if re.search(r"english|英語", told.group(0)) else "ja"
    language = chat_language or told_language or lang or detect_language(text)
    thanks = is_courtesy(text)
    return Analysis(
        text=text,
        lang=language,
        wants_number=wants_number
        and detail not in ("amount", "rate", "results")
        and not premise
        and not _DURATION.search(low)
        and not (_PER_ASKER_COUNT.search(low) and not (year or other_year)),
        year=year,
        other_year=other_year,
        detail=detail,
        subject=_recased(_subject(low), text) if detail or premise else text,
        units=units,
        exact_unit=_exact_unit(low) if units else None,
        premise=premise,
        # 「利子は全部区が払ってくれるんですよね？」 claims a benefit; it asks for no list.
        # 「どこで一覧見れる？」 asks where a list is published, not for the measures.
        wants_list=bool(_LIST.search(low)) and not premise and not _FINDS_DATA.search(low),
        # 「ほかの自治体との集まりって年何回？」 counts something; it asks no "what else?".
        wants_more=bool(_MORE.search(low)) and len(text) <= MORE_MAX_CHARS[language] and not (wants_number and units),
        nonsense=is_nonsense(text),
        instructs=bool(_INSTRUCTION.search(low)),
        small_talk=bool(_SMALL_TALK.search(low) or chat),
        greeting=bool(_GREETING.match(low.strip())),
        thanks=thanks,
        asks_where=bool(_WHERE.search(low)),
        policy=int(next(g for g in policy.groups() if g)) if policy else None,
        goal=int(next(g for g in goal.groups() if g)) if goal else None,
        initiative=f"{int(initiative.group(1))}-{int(initiative.group(2))}" if initiative else None,
        # (Not 「このチャット便利だね」: praise of the chat asks nothing of what was shown.)
        follow_up=(
            (bool(_FOLLOW_UP.search(low)) and len(text) <= FOLLOW_UP_MAX_CHARS[language])
            or bool(_CONNECTIVE.search(low))
        )
        and not thanks,
        new_topic=changes_topic(text),
        goes_back=goes_back(text),
        years_later=later,
        ruled_out=ruled_out(text),
        chat_language=chat_language,
    )


def plan_year_named(question: str) -> str | None:
    """The plan year a turn names as the plan's last or first ("And by the final year of the plan?", 「初年度は」),
    wherever in the turn: in a conversation it overrides the year asked before."""
    low = unicodedata.normalize("NFKC", question).strip().lower()
    for pattern, named in _PLAN_YEARS:
        if pattern.search(low):
            return named
    return None


def years_after(year: str, later: int) -> tuple[str | None, str | None]:
    """(target year, year without targets) `later` years after the plan year `year` (R6 and 3: R9)."""
    label = f"R{int(year[1:]) + later}"
    return (label, None) if label in YEARS else (None, label)


def _counted_on_from_named(text: str) -> int | None:
    """The years "three years after that" counts on from a year named before it in `text` (「2024年度の3年後」)."""
    match = _YEARS_LATER.search(text)
    if not match or not _YEAR_WORDS.search(text[: match.start()]):
        return None
    return _years_later(match.group(0))


def _years_later(text: str) -> int | None:
    """The years "three years later" or 「3年後」 counts on from the year asked before (None when it names none)."""
    match = _YEARS_LATER.search(text)
    if not match:
        return None
    count = match.group(1)
    if count.isdigit():
        return int(count)
    return _NUMBER_WORDS.get(count) or _reiwa_number(count)


# The unit a Japanese counter names exactly: of two targets that fit 「何社」, the one printed in 社 is asked. (Not
# 何件: the document prints 件数 labels in 事業 and 団体 too.)
_EXACT_UNITS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), unit)
    for pattern, unit in (
        (r"何社|社数", "社"),
        (r"何人|何名|人数", "人"),
        (r"何団体|団体数", "団体"),
        (r"何か所|何箇所|何カ所|何ヶ所|箇所数|\bhow many (sites|places|locations|spots)\b", "箇所"),
        (r"何回|回数|頻度|\bhow often\b|\bhow many times\b", "回"),
        (r"何校|学校数|\bhow many (primary |elementary )?schools\b", "校"),
        (r"何台|台数", "台"),
    )
)


# 「マッチングイベントの回数やなくて、補助の件数」, 「回数ちゃうくて」 (Kansai), "I meant attendees, not the number of
# events", "rather than the events": the words a correction rules out. Not 「会社じゃなくても使える？」, which asks who
# may use a programme.
_RULED_OUT = re.compile(
    r"([^、。,!?！？\s]{2,30}?)(?:(?:じゃ|や|では|で)なく(?!て?も)|ちゃう(?:く)?て)"
    r"|(?:[,;:—–]|\bi meant\b[^,;:—–]*?)\s*\bnot (?:just |only )?((?:the )?[^,.;:!?—–]{3,40})"
    r"|\b(?:rather than|instead of) ([^,.;:!?—–]{3,40})"
    # "… courses a year? Not the ethical consumption ones.": a sentence of its own that rules one out.
    r"|(?:^|[.?!？！]\s*)(?i:not) ((?:the|those|these|that) [^,.;:!?—–]{3,40})"
    # "Actually forget the AEDs. What I meant was the consultant…": set aside by name.
    r"|\b(?i:forget|never ?mind) (?:about )?(the [^,.;:!?—–]{3,40})"
    # "Sorry, I wasn't asking about visas. I mean…": what the asker did not mean.
    r"|\b(?i:wasn'?t|was not|i'?m not|am not) (?i:asking|talking|wondering|worried) about ([^,.;:!?—–]{3,40})"
)


# 「建設じゃなくても」: whom a programme is wanted for, said by the trade they are not in.
_EVEN_IF_NOT = re.compile(r"([一-龥ァ-ヶー]{2,8})(?:じゃなく|やなく|ではなく|でなく)ても")
# "for companies that aren't in construction", 「建設業以外で」: a kind of business the asker says they are not.
_EXCLUDED = re.compile(
    r"\b(?:aren'?t|are not|isn'?t|is not|not) (?:in|from|part of) (?:the )?([a-z][a-z-]{2,20})"
    r"|\b(?:other than|except(?: for)?|apart from|excluding) (?:the )?([a-z][a-z-]{2,20})"
    # "(for regular companies,) not the construction ones", "not construction firms".
    r"|\bnot (?:the )?([a-z][a-z-]{2,20}) (?:ones?|firms?|companies|businesses|sector|industry|trades?)\b"
    r"|([^\s、。,!?！？のでとはがを]{2,12})以外"
    # 「建設じゃなくて普通の会社向けのはないん？」: a trade left out for businesses of another kind (not 「普通の求人
    # やなくて、シニア向けのセミナー」, a kind of programme).
    r"|([一-龥ァ-ヶー]{2,8})(?:じゃなく|やなく|ではなく|でなく)て?[、,]?[^。？?、,]{0,10}(?:会社|企業|業種|店|事業者)向け"
    # 「建設じゃなくても出られる同じようなの」: a programme wanted for those not in that trade.
    r"|" + _EVEN_IF_NOT.pattern
)


def excluded(text: str) -> tuple[str, ...]:
    """The kinds of business a question leaves out (「建設業以外」: 建設業; "companies not in construction")."""
    low = unicodedata.normalize("NFKC", text).lower()
    return tuple(group for match in _EXCLUDED.finditer(low) for group in match.groups() if group)


def not_in_trades(text: str) -> tuple[str, ...]:
    """The trades a question says the asker is not in, asking for a programme all the same (「建設じゃなくても」)."""
    return tuple(_EVEN_IF_NOT.findall(unicodedata.normalize("NFKC", text)))


# 「いまの回数じゃなくて、令和9年度には」, "not the current number": a time ruled out, not a target.
_NOW_OR_BEFORE = re.compile(
    r"^(?:いま|今|現在|現状|去年|昨年|前年|今年|実績)|^(?:the )?(?:current|present|actual|last year)\b"
)


def ruled_out(text: str) -> tuple[str, ...]:
    """The phrases a correction rules out (「マッチングイベントの回数やなくて」: マッチングイベントの回数)."""
    # A dash typed as a hyphen between spaces ends the phrase as — does: "not the working sessions - how many…".
    phrases = (
        re.split(r"\s-\s", group)[0].strip() for match in _RULED_OUT.finditer(text) for group in match.groups() if group
    )
    return tuple(phrase for phrase in phrases if not _NOW_OR_BEFORE.match(phrase.lower()))


# 「参加する人数じゃなくて園の数」, 「回数やなくて件数」, "not the number of participants": a counter the question
# rules out.
# 「回数はええわ、…何人？」: a counter set aside ("never mind the count") is ruled out as well.
_NOT_AFTER = re.compile(
    r"\s*(じゃなく|やなく|ではなく|でなく|じゃない|やない|ではない|ちゃう(く)?て|は(もう)?(ええ|いい|良い)(わ|や|から|です|けど|よ|[、,])"
    r"|はさておき|は(置|お)いと)"
)
_NOT_BEFORE = re.compile(r"\bnot (just )?(the )?$")


def _counter_ruled_out(text: str, match: re.Match[str]) -> bool:
    """True when the question rules out the counter `match` found in it (「人数じゃなくて」, "not the number of")."""
    return bool(_NOT_AFTER.match(text, match.end()) or _NOT_BEFORE.search(text[: match.start()]))


def _exact_unit(text: str) -> str | None:
    """The unit of the first Japanese counter `text` uses and does not rule out (「人数じゃなくて園の数」: none)."""
    found = [
        (m.start(), unit)
        for pattern, unit in _EXACT_UNITS
        for m in pattern.finditer(text)
        if not _counter_ruled_out(text, m)
    ]
    return min(found)[1] if found else None


# "how many renovation schools or study sessions": the phrase after "or" is counted as well.
_OR_ALSO = re.compile(r"\s+(or|and)\s+([^?.!]{1,40})")


# After a counter's noun: a hyphen, or a noun of what is done for people followed by another word, so that the counter's
# noun modifies that one ("staff retention seminars", "member networking events").
_MODIFIES_NEXT = re.compile(
    r"-|\s+(retention|training|development|recruitment|hiring|welfare|exchange|networking|career|safety|health"
    r"|wellbeing|well-being)\s+[a-z]"
)


def _counted_units(text: str) -> frozenset[str] | None:
    """The units of the first counter the question uses and does not rule out ("the number of sites, not of
    participants": sites). Money, areas and rates no target counts decide only as the counter itself
    ("unemployment rate", not "rate"), for a share, or when no other counter is used (「安い金利で借りられる制度、
    何件？」 counts 件)."""
    found = [
        (m.start(), m.end(), units)
        for pattern, units in _COUNTERS
        for m in pattern.finditer(text)
        if not _counter_ruled_out(text, m)
        # "how many staff-retention seminars", "how many staff retention seminars": a word modifying the noun counted
        # (hyphenated, or before a noun of what is done for people) is not that noun.
        and not _MODIFIES_NEXT.match(text, m.end())
    ]
    uncounted = [f for f in found if not f[2]]
    # A share asked of a rate no target counts (「還元率、何％？」) is that rate.
    counters = [
        f
        for f in found
        if f[2] and not any(u[0] <= f[0] and f[1] <= u[1] for u in uncounted) and not (uncounted and f[2] == {"％"})
    ]
    # "how many app users keep using it? like what percentage by 2031?": a share asked outright is what is counted,
    # whatever counter came before it.
    shares = [f for f in counters if f[2] == {"％"}] if _SHARE.search(text) else []
    if counters:
        _, end, units = min(shares or counters, key=lambda item: item[1])
        also = _OR_ALSO.match(text, end)
        more = _counted_units(f"how many {also.group(2)}") if also else None
        return units | more if more else units
    return frozenset() if uncounted else None


# A figure said with its counter: 「150台」「100社」, "10,000 members", "300 startups".
_STATED_FIGURE = re.compile(
    r"(?<![0-9,.])[0-9][0-9,]*\s*(台|人|名|社|事業者|件|回|団体|箇所|か所|カ所|ヶ所|園|校|日)"
    r"|(?<![0-9,.])[0-9][0-9,]*\s+(people|persons|members|participants|companies|firms|businesses|startups|shops"
    r"|times|sessions|events|seminars|schools|sites|days|units)\b"
)
# How each counter said is asked, read by the counters' own patterns (「150台」 counts as 「何台」 does).
_ASKED_AS = {"事業者": "事業者数", "園": "園の数", "units": "how many devices"}


def _stated_units(text: str) -> frozenset[str] | None:
    """The units of the first figure `text` says with its counter (「150台」: 台), when it says one."""
    if (found := _STATED_FIGURE.search(text)) is None:
        return None
    counter = found.group(1) or found.group(2)
    asked = _ASKED_AS.get(counter) or (f"how many {counter}" if counter.isascii() else f"何{counter}")
    return _counted_units(asked)


_ONLY_ADDRESS = re.compile(r"^\s*(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+)\s*$", re.I)
# One word typed over and over (「世田谷世田谷世田谷」, "test test test"): nothing is asked.
_REPEATED = re.compile(r"^(.{1,12}?)\1{2,}$")


# A turn that only thanks or acknowledges (「ありがとうございます。」, "ok thanks"): the conversation goes on past it.
_COURTESY = re.compile(
    r"^(?:(?:(?:ありがとう|有難う)(?:ございます|ございました|ね|な|ー)?|どうも(?:ありがとう)?|了解(?:です|しました)?"
    r"|わかりました|分かりました|なるほど(?:です)?|助かります|助かりました|助かった(?:わ|よ|ー)?|おおきに"
    r"|ok(?:ay)?|got it|thanks?(?: a lot| so much)?"
    r"|thank you(?: (?:so|very) much)?|cheers|great|cool|perfect|understood|i see"
    # Praise of the chat itself (「このチャット便利だね」, "this chat is really handy"): nothing asked either.
    r"|(?:この|これ)?(?:チャット|アプリ|ツール|ボット|bot|ai)(?:って|は|、)?(?:めっちゃ|すごく|とても|本当に|ほんとに?|かなり"
    r"|結構|けっこう)?(?:便利|使いやすい|わかりやすい|分かりやすい|助かる|すごい|優秀)(?:だ|です|やな|やん|じゃん)?(?:ね|な|よ|わ|ー)*"
    r"|(?:this|the|your) (?:chat|chatbot|bot|app|tool|assistant|thing) is (?:really |so |very |pretty |super |quite )?"
    r"(?:handy|useful|helpful|great|nice|good|convenient|cool|easy to use|amazing|awesome)"
    r"|you(?:'re| are) (?:really |so |very )?(?:helpful|great|awesome))(?:[\s、,.。!！~〜]+|$))+$"
)


def is_courtesy(text: str) -> bool:
    """True when a turn only thanks or acknowledges, asking nothing."""
    return bool(_COURTESY.match(unicodedata.normalize("NFKC", text).strip().lower()))


def is_nonsense(text: str) -> bool:
    """True when a question has nothing to search for: no letters or digits, a greeting or thanks, a bare URL or
    address, or one word repeated."""
    letters = [c for c in text if unicodedata.category(c)[0] in "LN"]
    return (
        len(letters) < 2
        or bool(_GREETING.match(text.lower().strip()))
        or is_courtesy(text)
        or bool(_ONLY_ADDRESS.match(text))
        or bool(_REPEATED.match("".join(letters).lower()))
    )


def wants_overview(analysis: Analysis) -> bool:
    """A question about a numbered policy, goal or initiative as a whole."""
    return analysis.structural and bool(_OVERVIEW_WORDS.search(analysis.text.lower())) and not analysis.wants_number
