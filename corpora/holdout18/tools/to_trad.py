"""One-off: convert the simplified draft U04.simp.src and its labels to 繁体 (OpenCC s2t).

Run once with any Python that has opencc-python-reimplemented; the results
sources/U04.src and sources/U04.labels.json are committed and build.py uses them.
"""
import json, pathlib
from opencc import OpenCC
cc = OpenCC('s2t')
src = pathlib.Path(__file__).resolve().parent.parent / 'sources'
(src / 'U04.src').write_text(cc.convert((src / 'U04.simp.src').read_text('utf-8')), 'utf-8')
lab = json.loads((src / 'U04.simp.labels.json').read_text('utf-8'))
def conv(x):
    if isinstance(x, str): return cc.convert(x)
    if isinstance(x, list): return [conv(i) for i in x]
    if isinstance(x, dict): return {k: conv(v) for k, v in x.items()}
    return x
(src / 'U04.labels.json').write_text(json.dumps(conv(lab), ensure_ascii=False, indent=1), 'utf-8')
print('ok')
