"""Validates and renders RenderCV YAML files with RenderCV itself, in one process.

Usage: python rendercv_check.py FILE.yaml...
Prints `FILE: message` for each file RenderCV refuses or cannot typeset, then
`rendercv: N ok, M failed`; exit 1 when any failed.
"""

import pathlib
import sys

from rendercv.exception import RenderCVUserValidationError
from rendercv.renderer.pdf_png import generate_pdf
from rendercv.renderer.typst import generate_typst
from rendercv.schema.rendercv_model_builder import build_rendercv_dictionary_and_model


def main():
    ok = failed = 0
    for f in sys.argv[1:]:
        p = pathlib.Path(f)
        try:
            _, model = build_rendercv_dictionary_and_model(
                p.read_text(encoding="utf-8"),
                input_file_path=p,
                typst_path=p.with_suffix(".typ").name,
                pdf_path=p.with_suffix(".pdf").name,
                dont_generate_png=True,
                dont_generate_markdown=True,
                dont_generate_html=True,
            )
            generate_pdf(model, generate_typst(model))
            ok += 1
        except RenderCVUserValidationError as e:
            failed += 1
            errs = "; ".join(
                f"{'.'.join(map(str, v.schema_location))}: {v.message}" for v in e.validation_errors
            )
            print(f"{p}: {errs}")
        except Exception as e:  # a Typst error, a crash: name the file
            failed += 1
            print(f"{p}: {type(e).__name__}: {e}")
    print(f"rendercv: {ok} ok, {failed} failed", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
