"""The CLI contract: Dutch one-line errors and non-zero exits, machine-readable --json."""

import json
import subprocess
import sys


def run(*args: str, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-c", "from beloftemeter.cli import main; main()", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


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
