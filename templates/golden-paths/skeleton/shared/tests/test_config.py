import pytest

from mlapp.config import ConfigError, parse_config


def test_committed_config_is_valid(raw_config, config):
    assert config.model_name == raw_config["model"]["name"]
    assert config.gate.enforce is True
    assert config.gate.primary_metric in config.gate.thresholds
    assert config.train_data.is_file() and config.schema_path.is_file()


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda raw: raw.pop("gate"), "missing setting .gate"),
        (lambda raw: raw["model"].pop("name"), "model.name"),
        (lambda raw: raw["gate"]["thresholds"].update(roc_auc="high"), "gate.thresholds.roc_auc"),
        (lambda raw: raw["data"].update(test_size=0.9), "data.test_size"),
    ],
)
def test_bad_settings_are_named(raw_config, tmp_path, change, message):
    import copy

    raw = copy.deepcopy(raw_config)
    change(raw)
    with pytest.raises(ConfigError, match=message):
        parse_config(raw, tmp_path)
