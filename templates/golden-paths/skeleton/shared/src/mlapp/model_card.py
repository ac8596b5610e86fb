"""Keeps docs/model-card.md's evaluation section in step with the last evaluation.

Only the text between the two markers is rewritten; everything else in the
card is written by people and left alone.
"""

import time
from pathlib import Path
from typing import Any, Dict

BEGIN = "<!-- evaluation:begin -->"
END = "<!-- evaluation:end -->"


class ModelCardError(ValueError):
    """Raised when the card lacks the evaluation markers."""


def render_evaluation(result: Dict[str, Any], version: str = "") -> str:
    """Markdown for the evaluation section."""
    lines = [
        f"_Updated {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} from `reports/evaluation.json`._",
        "",
        f"- Run: `{result['run_id']}`" + (f" (registered as version {version})" if version else ""),
        f"- Evaluation data: {result.get('evaluation_data', 'n/a')}",
        f"- Evaluation gate: **{'PASSED' if result['passed'] else 'FAILED'}**",
        "",
        "| metric | value |",
        "| --- | --- |",
    ]
    lines += [f"| {name} | {value} |" for name, value in sorted(result["metrics"].items())]
    lines += ["", "| gate check | result | detail |", "| --- | --- | --- |"]
    lines += [
        f"| {check['check']} | {'pass' if check['passed'] else 'FAIL'} | {check['detail']} |"
        for check in result["checks"]
    ]
    return "\n".join(lines)


def update_model_card(path: Path, result: Dict[str, Any], version: str = "") -> str:
    """Rewrites the marked section of the card in place and returns the new text."""
    text = Path(path).read_text(encoding="utf-8")
    start = text.find(BEGIN)
    end = text.find(END)
    if start < 0 or end < start:
        raise ModelCardError(f"{path}: expected the markers {BEGIN} and {END}")
    updated = text[: start + len(BEGIN)] + "\n" + render_evaluation(result, version) + "\n" + text[end:]
    Path(path).write_text(updated, encoding="utf-8")
    return updated
