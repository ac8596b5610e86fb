import pytest

from mlapp.model_card import BEGIN, END, ModelCardError, update_model_card

RESULT = {
    "run_id": "abc123",
    "passed": True,
    "metrics": {"roc_auc": 0.88, "f1": 0.77},
    "checks": [{"check": "threshold:roc_auc", "passed": True, "detail": "roc_auc=0.88 (minimum 0.75)"}],
    "evaluation_data": "holdout",
}


def test_only_the_marked_section_is_rewritten(tmp_path):
    card = tmp_path / "card.md"
    card.write_text(f"# Card\nwritten by people\n{BEGIN}\nSTALE TEXT\n{END}\nfooter\n")
    update_model_card(card, RESULT, version="3")
    text = update_model_card(card, RESULT, version="3")
    assert text.startswith("# Card\nwritten by people\n")
    assert text.endswith(f"{END}\nfooter\n")
    assert "STALE TEXT" not in text and text.count(BEGIN) == 1
    assert "| roc_auc | 0.88 |" in text and "version 3" in text and "**PASSED**" in text


def test_card_without_markers_is_an_error(tmp_path):
    card = tmp_path / "card.md"
    card.write_text("# Card\n")
    with pytest.raises(ModelCardError, match="markers"):
        update_model_card(card, RESULT)


def test_committed_card_has_the_markers_and_no_placeholders(config):
    text = config.model_card_path.read_text()
    assert BEGIN in text and END in text
    assert "$" + "{{" not in text
