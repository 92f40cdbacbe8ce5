"""Renders JSON Resume documents through RenderCV 2.8 themes, in one process.

Usage: python render_rendercv.py OUT_DIR THEME[,THEME...] RESUME.json...
Writes OUT_DIR/rendercv-<theme>/<stem>.pdf (and the .yaml it was made from),
skipping a PDF newer than its resume; prints one line per failure.
Needs RenderCV's two Typst packages offline: XDG_DATA_HOME and XDG_CACHE_HOME
pointing at ../shared/data (scripts/ground-truth.sh sets them).
"""

import json
import os
import pathlib
import sys

import ruamel.yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mapping  # noqa: E402

from rendercv.schema.rendercv_model_builder import build_rendercv_dictionary_and_model  # noqa: E402
from rendercv.renderer.typst import generate_typst  # noqa: E402
from rendercv.renderer.pdf_png import generate_pdf  # noqa: E402


def dump(doc):
    y = ruamel.yaml.YAML()
    y.default_flow_style = False
    y.allow_unicode = True
    from io import StringIO
    s = StringIO()
    y.dump(doc, s)
    return s.getvalue()


def render(doc, theme, yaml_path, pdf_path):
    doc = dict(doc)
    doc["design"] = {"theme": theme}
    yaml_path.write_text(dump(doc), encoding="utf-8")
    _, model = build_rendercv_dictionary_and_model(
        yaml_path.read_text(encoding="utf-8"),
        input_file_path=yaml_path,
        typst_path=str(yaml_path.with_suffix(".typ").name),
        pdf_path=str(pdf_path.name),
        dont_generate_png=True,
        dont_generate_markdown=True,
        dont_generate_html=True,
    )
    typ = generate_typst(model)
    generate_pdf(model, typ)


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = pathlib.Path(sys.argv[1])
    themes = sys.argv[2].split(",")
    done = failed = 0
    for theme in themes:
        d = out / f"rendercv-{theme}"
        d.mkdir(parents=True, exist_ok=True)
        for f in sys.argv[3:]:
            f = pathlib.Path(f)
            pdf = (d / f.stem).with_suffix(".pdf")
            if pdf.exists() and pdf.stat().st_mtime >= f.stat().st_mtime:
                continue
            try:
                doc = mapping.rendercv(json.loads(f.read_text(encoding="utf-8")))
                try:
                    render(doc, theme, (d / f.stem).with_suffix(".yaml"), pdf)
                except Exception:
                    # RenderCV refuses values it cannot check (an email it
                    # does not accept): render without them rather than lose
                    # the document.
                    doc["cv"].pop("email", None)
                    render(doc, theme, (d / f.stem).with_suffix(".yaml"), pdf)
                done += 1
            except Exception as e:  # one document never stops the run
                failed += 1
                msg = str(e).splitlines()[0] if str(e) else type(e).__name__
                print(f"render_rendercv: {theme} {f.stem}: {msg}")
    print(f"render_rendercv: {done} rendered, {failed} failed", file=sys.stderr)


if __name__ == "__main__":
    main()
