from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from factcheck.contradict import Verdict, candidates, compare
from factcheck.model import Claim, Span

ROOT = Path(__file__).resolve().parents[1]


def verdict(a: str, b: str) -> tuple[bool, str]:
    v = compare(a, b)
    return v.contradiction, v.kind


C = True  # contradiction
OK = False  # consistent

# Fresh one-line cases (not from the dev split): (a, b, contradiction, kind when one).
CASES = [
    # date: one-time events with dates that cannot be the same day
    ("青葉美術館は1989年5月に開館した。", "青葉美術館の開館は1992年5月である。", C, "date"),
    ("The Corvin Bridge opened to traffic on 4 June 1963.", "Corvin Bridge was opened on 14 June 1963.", C, "date"),
    ("The Lindqvist Prize was founded in 1978.", "Founded in 1987, the Lindqvist Prize honours young poets.", C, "date"),
    ("新庁舎は令和3年4月に完成した。", "新庁舎は2019年4月に完成した。", C, "date"),
    ("ウクライナ政府は2031年3月に停戦合意に署名した。", "Ukraine signed the ceasefire agreement in August 2031.", C, "date"),
    ("月刊誌『港の灯』は1952年に創刊された。", "『港の灯』の創刊は1958年である。", C, "date"),
    ("改正法は2030年4月1日に施行された。", "改正法の施行日は2031年4月1日だった。", C, "date"),
    ("The ship was commissioned in 1940.", "The ship entered service in 1943.", C, "date"),
    # date hard negatives: other format, more specific, other events, other editions
    ("西川電機は1987年に東証に上場した。", "西川電機が上場したのは1987年10月のことだ。", OK, "none"),
    ("The ship was launched in 1938 and commissioned in 1940.", "The ship entered service in 1940.", OK, "none"),
    ("白峰ロケット2号機は2031年2月9日に打ち上げられた。", "2031-02-09、白峰ロケット2号機が打ち上げられた。", OK, "none"),
    ("The Harlan Dam was completed in May 1954.", "Harlan Dam was completed on 20 May 1954.", OK, "none"),
    ("新庁舎は令和3年4月に完成した。", "新庁舎の完成は2021年4月だった。", OK, "none"),
    ("The Ferrow line closed in 1967.", "The Ferrow line reopened in 2009.", OK, "none"),
    ("港北ホールは1970年に建設され、2015年に解体された。", "港北ホールは2015年に取り壊された。", OK, "none"),
    ("第3回みなみ音楽祭は2018年に開催された。", "第4回みなみ音楽祭は2019年に開催された。", OK, "none"),
    ("Marcus Hale founded the Orbis Foundation in 1990.", "The Orbis Foundation's Asian branch was founded in 2005.", OK, "none"),
    ("ウクライナ政府は2031年3月に停戦合意に署名した。", "Ukraine signed the ceasefire agreement in March 2031.", OK, "none"),
    # quantity
    ("大滝橋の全長は820メートルである。", "大滝橋は全長1,280メートルの吊り橋だ。", C, "quantity"),
    ("The Vessen Library holds 2.4 million books.", "The Vessen Library holds 4.2 million books.", C, "quantity"),
    ("ミナト製鉄の2022年度の純利益は340億円だった。", "ミナト製鉄は2022年度に34億円の純利益を計上した。", C, "quantity"),
    ("The river is 1,200 km long.", "The river is about 450 miles long.", C, "quantity"),
    ("北朝鮮は2030年に新型ミサイルを約20発発射した。", "North Korea launched about 200 new missiles in 2030.", C, "quantity"),
    ("Between 5,000 and 6,000 people attended the rally in Dorne.", "Some 15,000 people attended the Dorne rally.", C, "quantity"),
    # quantity hard negatives: unit conversion, notation, rounding, bounds, periods, part vs total
    ("The river is 1,200 km long.", "The river is about 750 miles long.", OK, "none"),
    ("Heller Corp reported revenue of $1.2 billion in 2024.", "Heller Corp's 2024 revenue came to 1,200 million dollars.", OK, "none"),
    ("北山湖の面積は12.5平方キロメートルである。", "北山湖の面積は約12平方キロメートルだ。", OK, "none"),
    ("The Peltor Tower is 312 metres tall.", "At roughly 0.3 km, the Peltor Tower dominates the skyline.", OK, "none"),
    ("ダム建設で約3,000人が移転を余儀なくされた。", "ダム建設に伴い、少なくとも2,800人が移転した。", OK, "none"),
    ("西川町の人口は2005年に2万3千人だった。", "2021年、西川町の人口は1万8千人まで減少した。", OK, "none"),
    ("2024年4月、救援隊の第一陣として120人が現地入りした。", "2024年末までに延べ2,600人の救援隊員が現地で活動した。", OK, "none"),
    ("The city's population was 1.5 million in 2020.", "The city's metropolitan area had 3.1 million residents in 2020.", OK, "none"),
    ("The Senate passed the bill by 61 votes to 39.", "The House passed the bill by 220 votes to 210.", OK, "none"),
    ("同社の従業員は2,300人で、うち約4割が女性だ。", "同社の女性従業員は約900人である。", OK, "none"),
    ("Turnout in the 2031 referendum was 71.2%.", "Just over 71% of voters took part in the 2031 referendum.", OK, "none"),
    ("Turnout in the 2031 referendum was 71.2%.", "Only 17% of voters took part in the 2031 referendum.", C, "quantity"),
    ("東和物産の2022年度の売上高は340億円だった。", "東和物産の2022年度の営業利益は34億円だった。", OK, "none"),
    ("湊川市の人口は31万2千人である。", "2020年の調査で湊川市の人口は28万9千人に減っていた。", OK, "none"),
    ("ワクチン接種率は65%に達した。", "ワクチンを2回接種した人の割合は48%だった。", OK, "none"),
    ("青森県の人口は2020年に123万人だった。", "Aomori Prefecture had a population of about 2.3 million in 2020.", C, "quantity"),
    ("国連の報告書によると、2030年の難民は1億2000万人に達した。", "A UN report put the number of refugees in 2030 at 120 million.", OK, "none"),
    # polarity
    ("警察は2029年9月、容疑者の身元を公式に確認した。", "2029年12月時点で、警察は容疑者の身元を確認していない。", C, "polarity"),
    ("The regulator approved the Kestrel drug in 2030.", "The regulator has never approved the Kestrel drug.", C, "polarity"),
    ("調査団は、遺跡から青銅器が出土したと報告した。", "遺跡の調査では青銅器は出土しなかった。", C, "polarity"),
    ("容疑者は容疑を認めている。", "容疑者は容疑を否認している。", C, "polarity"),
    ("The merger was approved by regulators in June 2027.", "Regulators blocked the merger in June 2027.", C, "polarity"),
    ("今回の調査で新たに3つの古墳が見つかった。", "今回の調査では古墳は見つからなかった。", C, "polarity"),
    # polarity hard negatives: same meaning negated, hedged vs plain, denial dated before, side remarks
    ("市の条例は、公園内での花火を禁止している。", "市の条例により、公園内では花火をすることができない。", OK, "none"),
    ("The inspection found no asbestos in the Marden school building.", "The Marden school building was declared asbestos-free after the inspection.", OK, "none"),
    ("専門家は、橋の崩落は老朽化が原因だった可能性が高いと指摘した。", "橋の崩落は老朽化が原因だった。", OK, "none"),
    ("The outbreak is believed to have started at a poultry farm.", "The outbreak started at a poultry farm.", OK, "none"),
    ("As of January 2027, officials had not confirmed the cause of the Brenton fire.", "Officials confirmed in May 2027 that faulty wiring caused the Brenton fire.", OK, "none"),
    ("2030年5月の時点で、ロシア軍は北部の町から撤退していない。", "ロシア軍は2030年8月、北部の町から撤退した。", OK, "none"),
    ("The museum, which had not been renovated since 1950, reopened in 2020.", "The museum reopened in 2020.", OK, "none"),
    ("The village had no electricity until 1985.", "Electricity reached the village in 1985.", OK, "none"),
    ("The fire may not have been caused by lightning.", "The fire was caused by lightning.", OK, "none"),
    ("It is not clear whether the fire was caused by lightning.", "The fire was caused by lightning.", OK, "none"),
    ("市は2030年度、ごみ収集の有料化を見送った。", "市は2030年度からごみ収集を有料化していない。", OK, "none"),
    ("A spokesperson said the plant would not close.", "The plant will not close, a spokesperson said.", OK, "none"),
    ("火災の原因は配線の劣化ではないかとみられている。", "火災の原因は配線の劣化だった。", OK, "none"),
    ("参加者は1万人にすぎなかった。", "参加者は1万人だった。", OK, "none"),
    ("It was not until 2020 that the bridge reopened.", "The bridge reopened in 2020.", OK, "none"),
    ("雨にもかかわらず、大会は予定通り開催された。", "大会は予定通り開催された。", OK, "none"),
    ("The central bank left its rate unchanged at 3%.", "The central bank held its rate steady at 3%.", OK, "none"),
    ("ロシアは2031年1月、ウクライナとの捕虜交換に合意した。", "Russia refused a prisoner exchange with Ukraine in January 2031.", C, "polarity"),
    # entity: places, swapped roles, different people for one act
    ("The 2031 Dunmore Summit was held in Lisbon.", "The 2031 Dunmore Summit took place in Warsaw.", C, "entity"),
    ("第8回東アジア映画祭はタイのバンコクで開催された。", "第8回東アジア映画祭の開催地はマレーシアのクアラルンプールだった。", C, "entity"),
    ("The 2032 Asian Games were held in Seoul.", "2032年のアジア競技大会は東京で開催された。", C, "entity"),
    ("The 2030 cup final saw Ravens beat Stallions 3-1.", "In the 2030 cup final, Stallions defeated Ravens.", C, "entity"),
    ("天文学者の星野一郎はカナダで生まれた。", "星野一郎はオーストラリアで生まれた天文学者だ。", C, "entity"),
    ("Dr. Amara Singh led the vaccine trial.", "The vaccine trial was led by Dr. Jonas Berg.", C, "entity"),
    # entity hard negatives: aliases, different divisions or editions
    ("The 2032 Asian Games were held in Seoul.", "2032年のアジア競技大会はソウルで開催された。", OK, "none"),
    ("The treaty was signed by the Soviet Union in 1970.", "The USSR signed the treaty in 1970.", OK, "none"),
    ("2030年の全国駅伝男子の部は青森チームが優勝した。", "2030年の全国駅伝女子の部は長野チームが優勝した。", OK, "none"),
    ("The 2029 world championship was held in Oslo.", "The 2030 world championship was held in Madrid.", OK, "none"),
    ("The tallest building in Varno is 305 m high.", "The second-tallest building in Varno is 240 m high.", OK, "none"),
    ("2030年の首脳会議はハノイで開催された。", "The 2030 summit was held in Bangkok.", C, "entity"),
    ("The architect Lena Vos was born in Vienna.", "The architect Lena Vos was born in Graz.", C, "entity"),
    ("The Halvard Prize was awarded to Mina Osei in 2028.", "The 2028 Halvard Prize went to Tomas Ruiz.", C, "entity"),
    ("The headquarters of Dorvan Bank is in Zurich.", "Dorvan Bank's headquarters is in Basel.", C, "entity"),
    ("メロビアの首都はダスティンである。", "メロビアの首都はオーランだ。", C, "entity"),
    ("The architect Lena Vos was born in Vienna.", "The architect Lena Vos was born in Austria.", OK, "none"),
    ("The summit was held in Bombay in 1990.", "The 1990 summit took place in Mumbai.", OK, "none"),
    ("The capital of Merovia is Dastin.", "The seat of government of Merovia is Orlan.", OK, "none"),
    ("その薬は日本ではまだ承認されていない。", "その薬は2029年に米国で承認された。", OK, "none"),
    # attribution
    ("「未来は自分で作るものだ」という言葉は、坂本社長が2030年の式典で語ったものだ。",
     "2030年の式典で「未来は自分で作るものだ」と述べたのは、坂本社長ではなく田村会長である。", C, "attribution"),
    ('Mayor Carla Diaz said "the city will not raise taxes" at the budget hearing.',
     'At the budget hearing, council member Tom Reyes said "the city will not raise taxes".', C, "attribution"),
    ("The bridge was designed by Anna Kovacs.", "The bridge was designed by Peter Lund, not Anna Kovacs.", C, "attribution"),
    # attribution hard negatives: two sources report one figure
    ("According to the ministry, 1,200 homes were damaged by the storm.", "The regional council said 1,200 homes were damaged by the storm.", OK, "none"),
    ("The Red Cross said 300 civilians were evacuated on Monday.", "On Monday, 300 civilians were evacuated, local officials said.", OK, "none"),
    # paraphrase and unrelated facts on one subject
    ("The board of Calder Motors dismissed its chief executive in 2026.", "In 2026, Calder Motors' chief executive was dismissed by the board.", OK, "none"),
    ("青葉市の最初の市長は1950年に就任した。", "青葉市の二代目市長は1958年に就任した。", OK, "none"),
    ("2019年、ロシアの観光客数は3割増えた。", "Russia's tourism minister resigned in 2021.", OK, "none"),
    ("大森選手は2028年のオリンピックで金メダルを獲得した。", "大森選手は2024年のオリンピックで銀メダルを獲得した。", OK, "none"),
    # birth years, counters and durations (once known gaps of the extractors)
    ("作家の川辺透は1921年に生まれた。", "川辺透は1925年生まれの作家である。", C, "date"),
    ("作家の川辺透は1925年に生まれた。", "川辺透は1925年生まれの作家である。", OK, "none"),
    ("同病院の病床数は450床である。", "同病院の病床数は540床である。", C, "quantity"),
    ("同病院の病床数は450床である。", "The hospital has 450 beds.", OK, "none"),
    ("The strike lasted 12 days.", "The strike lasted 21 days.", C, "quantity"),
    ("The strike lasted 12 days.", "ストライキは12日間続いた。", OK, "none"),
    ("The talks lasted 48 hours.", "The talks lasted two days.", OK, "none"),
    ("The siege lasted three months.", "The siege lasted 90 days.", OK, "none"),
    ("The siege lasted three months.", "The siege lasted two weeks.", C, "quantity"),
    ("大会には16チームが参加した。", "大会には24チームが参加した。", C, "quantity"),
    ("ヴァルン・ストの参加者は4万に及んだ。", "ヴァルン・ストは90日間続いた。", OK, "none"),  # a bare count is no duration
]

@pytest.mark.parametrize("a, b, contradiction, kind", CASES)
def test_compare(a: str, b: str, contradiction: bool, kind: str) -> None:
    assert verdict(a, b) == (contradiction, kind)


@pytest.mark.parametrize("a, b, contradiction, kind", CASES)
def test_compare_is_symmetric_in_outcome(a: str, b: str, contradiction: bool, kind: str) -> None:
    assert compare(b, a).contradiction == contradiction


def test_verdict_carries_the_conflicting_parts() -> None:
    v = compare("青葉美術館は1989年5月に開館した。", "青葉美術館の開館は1992年5月である。")
    assert v == Verdict(True, v.score, "date", ("1989年5月", "1992年5月"))
    assert 0 < v.score <= 1


def test_vocabularies_reject_unknown_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import contradict

    monkeypatch.setattr(contradict.vocab, "load", lambda name: {"entities": {}, "evnets": {}})
    with pytest.raises(ValueError, match="evnets"):
        contradict._checked("aliases", contradict._ALIAS_KEYS)


def test_no_conflict_scores_low() -> None:
    v = compare("The river is 1,200 km long.", "The river is about 750 miles long.")
    assert not v.contradiction and v.evidence == () and v.score < 0.5


# --- the evaluation script ---------------------------------------------------------


def _load_eval():
    path = ROOT / "benchmarks" / "eval_contradictions.py"
    spec = importlib.util.spec_from_file_location("eval_contradictions", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


PAIRS = """\
version: 1
pairs:
  - {id: t1, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t2, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t3, lang: ja, label: contradiction, kind: quantity, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t4, lang: ja, label: consistent, kind: paraphrase, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t5, lang: ja, label: consistent, kind: paraphrase, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
  - {id: t6, lang: mixed, label: consistent, kind: approximation, a: {doc: d1, text: "x"}, b: {doc: d2, text: "y"}}
"""


def test_eval_metric_arithmetic(tmp_path: Path) -> None:
    ev = _load_eval()
    path = tmp_path / "pairs.yaml"
    path.write_text(PAIRS, encoding="utf-8")
    # t1 TP, t2 FN, t3 TP, t4 FP, t5 TN, t6 TN
    flagged = {"t1", "t3", "t4"}
    slices, results = ev.evaluate(ev.load_pairs(path), predictor=lambda p: p.id in flagged)
    by_name = {s.name: s.detector for s in slices}
    overall = by_name["all"]
    assert (overall.n, overall.tp, overall.fp, overall.fn, overall.tn) == (6, 2, 1, 1, 2)
    assert overall.precision == pytest.approx(2 / 3)
    assert overall.recall == pytest.approx(2 / 3)
    assert overall.f1 == pytest.approx(2 / 3)
    date = by_name["kind=date"]
    assert (date.precision, date.recall) == (1.0, 0.5) and date.f1 == pytest.approx(2 / 3)
    # Only consistent pairs: recall and F1 undefined; one FP makes precision 0, not "-".
    para = by_name["kind=paraphrase"]
    assert (para.fp, para.tn, para.precision, para.recall, para.f1) == (1, 1, 0.0, None, None)
    approx = by_name["kind=approximation"]
    assert (approx.precision, approx.recall, approx.f1) == (None, None, None)
    assert by_name["lang=mixed"].n == 1
    text = ev.render_text(slices, results, 0.0)
    row = next(line for line in text.splitlines() if line.startswith("kind=approximation"))
    assert row.split("|")[0].split()[-3:] == ["-", "-", "-"]
    assert "t2" in text and "t4" in text and "t5" not in text.split("errors")[1]


def test_eval_json_last_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = _load_eval()
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "version: 1\npairs:\n"
        '  - {id: j1, lang: en, label: contradiction, kind: date, a: {doc: d1, text: "The Corvin Bridge opened on 4 June 1963."},'
        ' b: {doc: d2, text: "Corvin Bridge was opened on 14 June 1963."}}\n'
        '  - {id: j2, lang: en, label: consistent, kind: date, a: {doc: d1, text: "The Harlan Dam was completed in May 1954."},'
        ' b: {doc: d2, text: "Harlan Dam was completed on 20 May 1954."}}\n',
        encoding="utf-8",
    )
    assert ev.main([str(path), "--format", "json"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    data = json.loads(last)
    assert {"n", "precision", "recall", "f1", "tp", "fp", "fn", "tn"} <= set(data)
    assert (data["n"], data["tp"], data["tn"], data["f1"]) == (2, 1, 1, 1.0)


# --- candidates -----------------------------------------------------------------------


def claim(cid: str, document: str, text: str) -> Claim:
    return Claim(id=cid, text=text, location=Span(1, 1, 1, len(text) + 1), document=document)


def test_candidates_pair_only_claims_of_different_documents() -> None:
    claims = [
        claim("a1", "doc-a", "青葉美術館は1989年5月に開館した。"),
        claim("a2", "doc-a", "青葉美術館の開館は1992年5月である。"),  # same document as a1: never paired
        claim("b1", "doc-b", "青葉美術館は1992年5月に開館した。"),
        claim("c1", "doc-c", "The Vessen Library holds 2.4 million books."),
        claim("d1", "doc-d", "The Vessen Library holds 4.2 million books."),
        claim("d2", "doc-d", "北山湖の面積は12.5平方キロメートルである。"),
    ]
    found = candidates(claims)
    docs = {c.id: c.document for c in claims}
    pairs = {frozenset((c.a, c.b)) for c in found}
    assert all(docs[c.a] != docs[c.b] for c in found)
    assert frozenset(("a1", "b1")) in pairs and frozenset(("c1", "d1")) in pairs
    assert frozenset(("a1", "a2")) not in pairs
    assert all(c.verdict.contradiction for c in found)


def test_candidates_skip_non_factual_claims() -> None:
    claims = [
        claim("a1", "doc-a", "The Vessen Library holds 2.4 million books."),
        Claim(id="b1", text="The Vessen Library holds 4.2 million books?", location=Span(1, 1, 1, 2),
              kind="question", document="doc-b"),
    ]
    assert candidates(claims) == []


# --- robustness -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    ["2024年", "10月", "約", "1万人", "5.4km", "ではなく", "なかった", "not", "in Oslo", "は", "が", "。", ",",
     "「", "」", "The", "was", "signed", "開館", "3rd", "第2回", "beat", "Ravens", "%", "¥", " ", "-", "所"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.text(max_size=40))
def test_compare_never_raises(a: str, b: str) -> None:
    v = compare(a, b)
    assert isinstance(v, Verdict) and 0.0 <= v.score <= 1.0
    assert v.kind in {"date", "quantity", "polarity", "entity", "attribution", "none"}
    assert v.contradiction == (v.kind != "none")


def test_candidates_across_languages_need_a_shared_name() -> None:
    # Given as a pair, these two look like one dam; in a corpus nothing says
    # 青葉ダム is Harlan Dam, so they are not proposed.
    ja, en = "青葉ダムは平成10年に完成した。", "The Harlan Dam was completed in May 1954."
    claims = [claim("a1", "doc-a", ja), claim("b1", "doc-b", en)]
    assert candidates(claims) == []
    linked = [
        claim("a1", "doc-a", "ウクライナ政府は2031年3月に停戦合意に署名した。"),
        claim("b1", "doc-b", "Ukraine signed the ceasefire agreement in August 2031."),
    ]
    assert [(c.a, c.b, c.verdict.kind) for c in candidates(linked)] == [("a1", "b1", "date")]
