"""Ghost-writing leads: groups of drafts that look written or edited by one hand.

``find_same_hand(docs, masks=..., boilerplate=...)`` compares the batch's member drafts pairwise on
two independent kinds of evidence and reports connected groups as :class:`SameHandGroup` with a
score in [0, 1], Chinese evidence sentences a reviewer can check, and the numbers behind the score.

Style (on each draft with copied, team, template passages, the theme sentence and the standard
formulations masked out)
    *Shared habits*: pet phrases (token n-grams without numbers, names or places) that only a few
    drafts of the batch use, sentence skeletons (the same pet phrases in the same order inside one
    sentence, e.g. 表面上看是……往深处看是……根子上还是……), *refrains* (the same clause or short sentence
    repeated item after item: every problem closing with 对此我深感自责, every cause opening with
    说到底), the same heading wording, enumeration family (一是/其一/首先/1、/①...), the same pattern
    across a whole list of headings (以“学”为先 / 以“严”为尺 → 以“…”为…; the fixed words may sit in the
    middle, …上的‘…’问题, and one draft's list may follow the other's more general pattern, 着力在…上下功夫
    and 着力补齐… → 着力…; a masked standard phrase inside a few leads is one more varying part), punctuation, quotation and number-format habits (half-width brackets,
    colons, semicolons and exclamation marks after Chinese characters, ‘’ as the outer quotes — counted
    on the typed text, also right after a masked standard phrase) and 的/地/得 slips (做的不够, 认真的学习),
    each weighted by how rare it is in the batch. *Overall profile*: function-word and punctuation rates, sentence-length distribution and
    a character n-gram TF-IDF on content-masked text. Both are scored relative to the batch: a pair
    counts only when it stands out against the batch median *and* against each member's own typical
    similarity to the others (robust z, median/MAD with floors). Style strength is
    1 − exp(−(c − 1.5)/2.7) with c the mean of the two z-scores; a style-only link needs the shared habits
    (z ≥ 3, weight ≥ 10, of which ≥ 5 from habits used at least twice in *each* draft — a one-off
    shared phrase is as often a shared topic as a shared hand) and the overall profile (z ≥ 2) to
    be unusual, and c ≥ 4. Habits of *form* — refrains, heading-list patterns, enumeration, skeletons
    and punctuation kept up through both drafts, nothing that names a topic — weighing ≥ 10 (honest
    pairs of our corpora reach 4) stand without the unusual profile: one writer's vague draft and his
    concrete one differ in sentence length, figures and function words. The profile must then be no
    less alike than usual (z ≥ 0) and counts as z = 2 in c.
Formula passages (``formula``; on the *unmasked* text)
    A writer's own opening and closing formulas (遵照集团党委部署，本人紧扣本次民主生活会主题…… /
    以上剖析，自觉还不够深刻，恳请同志们不留情面、直言相告) recur word for word in every draft he writes. The
    reuse stage reports them as member-to-member reuse and they are masked out of the style features,
    so they are looked for separately: passages in the opening (from the first line of prose to the
    first section heading; unit, title and name lines are left out) and closing paragraphs of two
    drafts that share at least 8 characters of 4-grams no other member (beyond the batch's
    ``kmax``), no reference file (template, team material) and no standard formulation uses, with the
    member's own name, role and unit masked. Strength 1 − exp(−s/15), s = the distinctive characters
    of each passage beyond 5, weighted by rarity. Genre formulas (以上对照检查，如有不妥，请同志们批评指正)
    drop out because other members or the shipped templates have them.
Word traces (``Document.metadata`` from .docx)
    Shared ``rsidRoot`` and editing-session rsids, last editor, creator (and one file's creator
    being another's last editor), template, Company, WPS build / application version, creation
    times minutes apart, a TotalTime of a few minutes on a long text. Never evidence: generic
    accounts and defaults (``generic_accounts.txt``: Administrator, 办公室, 微软用户, Normal.dotm...),
    the rsids document generators put in every file (``generator_rsids.txt``: python-docx's default
    template), TotalTime 0 (what converters write). A value or rsid that three or more files and
    over 60 % of the files with metadata carry is taken for the distributed template or the office's
    common setting and subtracted; so are the traces of any ``reference`` file passed in (the
    distributed template .docx itself). A shared rsidRoot, or a shared non-generic last editor, is
    strong enough alone.
Groups
    Pair strength = 1 − (1 − trace)(1 − style)(1 − formula); an edge needs strength ≥ 0.6 and either
    strong traces, a style-only link, or moderate traces or formula passages (together ≥ 0.3) with
    supporting style (style > 0; next to formula passages also ≥ 2.5 of habits recurring in both
    drafts, since vague drafts share one-off clichés, closings included). Formula passages alone are
    never an edge: a member who borrowed a colleague's opening shares them too. Groups are the
    connected components; the group score is the mean strength of their edges. ``signals`` keeps
    every pair's numbers (habit score and z, recurrent part, profile z, style, trace links).

What the signal can show: that some drafts share habits or file history that independent writers
in the same batch do not share — a lead worth one question (who typed this draft?).

What it cannot show, and where it goes wrong:
- Who wrote anything. A secretary who typesets or edits *some* drafts leaves the same traces as a
  ghost-writer (one who saves *every* draft is the office's common setting and is subtracted).
- A template that only part of the batch started from shares its rsidRoot and rsids exactly like a
  writer's master file; with fewer than three .docx files nothing can be called common. Pass the
  distributed template as ``reference`` (or mention it to the reviewer).
- Members who borrow one colleague's phrasing (or opening and closing), or two members describing
  the same event at length, raise the shared-habit and formula scores; the recurrence and overall-profile requirements keep such pairs
  out in our tests, not in every batch.
- A ghost-writer who varies his style, or drafts sent as plain text (no metadata), leave only the
  style signal, which needs full drafts (≈1,000+ characters each) and a batch of at least three
  (below that style is off; six or more is much steadier). In small batches (5–8 drafts) one pair
  of a ghost-written trio is often missed.
- A member who copies a colleague's whole items (refrain included) or retypes them with the same
  input method shares form habits; the reuse masks take copied passages out first, retyping is not.
- Calibration: invented drafts only — the labelled dev corpus (2020, 白石县), eight honest drafts in
  deliberately different voices and three drafts in one writer's voice (2021, 枫岭县), one writer's
  vague and concrete drafts among seven honest ones (holdout4, 2021, 白鹭镇), random
  sub-batches of 3–10 drafts with and without the ghost-written ones. No honest pair became an
  edge; the margin is about 1 z-unit on the style side. The thresholds are not validated on real
  batches, so the wording stays 疑似 and the output must not be used as proof.
"""
from .core import find_same_hand

__all__ = ["find_same_hand"]
