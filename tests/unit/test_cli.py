"""The CLI contract: Dutch one-line errors and non-zero exits, machine-readable --json."""

import json

from support.cli import run


def test_config_prints_settings_as_json(tmp_path):
    result = run("config", "--json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["store_url"] == "sqlite:///beloftemeter.db"


def test_bad_config_gives_one_dutch_line_and_nonzero_exit(tmp_path):
    bad = tmp_path / "b.toml"
    bad.write_text("onzin = 1\n")
    result = run("--config", str(bad), "config", cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fout: Onbekende instelling")
    assert "Traceback" not in result.stderr


def test_a_missing_argument_is_one_dutch_line_with_where_to_find_help(tmp_path):
    result = run("akkoord", "toon", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == ["fout: Argument ontbreekt: 'SLEUTEL'. Zie 'beloftemeter akkoord toon --help'."]


def test_an_unknown_command_suggests_the_nearest_one_in_dutch(tmp_path):
    result = run("bowu", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "fout: Onbekend commando: bowu (bedoelde je: bouw). Zie 'beloftemeter --help'.")


def test_unknown_options_and_bad_values_are_refused_in_dutch(tmp_path):
    unknown = run("akkoord", "lijst", "--bestaatniet", cwd=tmp_path)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("fout: Onbekende optie: --bestaatniet.")
    bad = run("zoek", "inburgering", "--aantal", "veel", cwd=tmp_path)
    assert bad.returncode == 2
    assert "geen geheel getal" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    assert "Error" not in bad.stderr + unknown.stderr


def test_config_never_prints_an_api_key(tmp_path):
    env = {"BELOFTEMETER_LLM_API_KEY": "sk-geheim"}
    result = run("config", "--json", cwd=tmp_path, env=env)
    assert json.loads(result.stdout)["llm_api_key"] == "***"
    assert "sk-geheim" not in run("config", cwd=tmp_path, env=env).stdout


def test_config_never_prints_the_password_of_a_store_url(tmp_path):
    env = {"BELOFTEMETER_STORE_URL": "postgresql://bm:zeer-geheim@db.example:5432/bm"}
    shown = run("config", "--json", cwd=tmp_path, env=env).stdout
    assert "zeer-geheim" not in shown and "db.example:5432/bm" in shown
    assert "zeer-geheim" not in run("config", cwd=tmp_path, env=env).stdout


def test_help_screens_are_in_dutch(tmp_path):
    for args in (("--help",), ("zoek", "--help"), ("beslissingen", "--help")):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.startswith("Gebruik: beloftemeter")
        assert "Toon deze hulp en stop." in result.stdout
        for english in ("Usage:", "Show this message", "Options:", "Commands:", "Arguments:",
                        "[required]", "[default:"):
            assert english not in result.stdout, (args, english)
    assert "[standaard: 10]" in run("zoek", "--help", cwd=tmp_path).stdout
