"""Ghost-writing leads: groups of drafts that look written or edited by one hand.

``find_same_hand(docs, masks=..., boilerplate=...)`` compares the batch's member drafts pairwise on
two independent kinds of evidence and reports connected groups as :class:`SameHandGroup` with a
score in [0, 1], Chinese evidence sentences a reviewer can check, and the numbers behind the score.

Style (on each draft with copied, team, template passages, the theme sentence and the standard
formulations masked out)
    *Shared habits*: pet phrases (token n-grams without numbers, names or places) that only a few
    drafts of the batch use, sentence skeletons (the same pet phrases in the same order inside one
    sentence, e.g. 表面上看是……往深处看是……根子上还是……), the same heading wording, enumeration family
    (一是/其一/首先/1、/①...) and punctuation or number-format habits, each weighted by how rare it is in
    the batch. *Overall profile*: function-word and punctuation rates, sentence-length distribution and
    a character n-gram TF-IDF on content-masked text. Both are scored relative to the batch: a pair
    counts only when it stands out against the batch median *and* against each member's own typical
    similarity to the others (robust z, median/MAD with floors). Style strength is
    1 − exp(−(c − 1.5)/2.7) with c the mean of the two z-scores; a style-only link needs both the
    shared habits (z ≥ 3, weight ≥ 10) and the overall profile (z ≥ 2) to be unusual and c ≥ 4.
Word traces (``Document.metadata`` from .docx)
    Shared ``rsidRoot`` and editing-session rsids, last editor, creator (and one file's creator
    being another's last editor), template, Company, WPS build / application version, creation
    times minutes apart, implausibly short TotalTime. Generic accounts (Administrator, 办公室, 微软
    用户...) never count, and a value or rsid that three or more files and over 60 % of the batch
    carry is taken for the distributed template or the office's common setting and subtracted.
    A shared rsidRoot or a shared non-generic last editor is strong enough alone.
Groups
    Pair strength = 1 − (1 − trace)(1 − style); an edge needs strength ≥ 0.6 and either strong
    traces, a style-only link, or moderate traces with supporting style. Groups are the connected
    components; the group score is the mean strength of its edges.

What the signal can show: that some drafts share habits or file history that independent writers
in the same batch do not share — a lead worth a question (who typed this draft?).
What it cannot show: who wrote anything. A secretary who typesets or prints drafts leaves the same
traces as a ghost-writer; members who copy one colleague's phrasing, or one template that only a
few members used, look like a shared hand; a ghost-writer who varies his style, or drafts converted
to plain text (no metadata), leave only the style signal, which needs full-length drafts (≈1,500+
characters) and a batch of at least three, better six or more. Calibrated on small batches
(6–15 drafts) of invented 对照检查材料: honest drafts by different writers produced no group; the
thresholds are not validated on real batches, so the wording stays 疑似 and the report must not
be used as proof.
"""
from .core import find_same_hand

__all__ = ["find_same_hand"]
