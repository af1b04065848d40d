"""The HTML report in a real headless browser (Debian's chromium).

CI installs chromium (.ci/run) and sets CI=true, so there this test always
runs; on a developer machine without chromium it is skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parents[1]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

if BROWSER is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (CI installs it)", allow_module_level=True)


def browser(*args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER, "chromium is required in CI"
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)


def test_html_report_shows_every_disputed_claim_in_a_browser(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "report.html"
    assert runner.invoke(app, ["report", "--root", str(ROOT), "--format", "html", "-o", str(out)]).exit_code == 0
    disputed = json.loads(runner.invoke(app, ["list", "--root", str(ROOT), "--status", "disputed", "--format", "json"]).stdout)
    assert disputed
    dom = browser("--dump-dom", out.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    for claim in disputed:
        assert claim["id"] in dom.stdout
    pdf = tmp_path / "report.pdf"
    printed = browser(f"--print-to-pdf={pdf}", "--no-pdf-header-footer", out.as_uri())
    assert printed.returncode == 0 and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_claimreview_embedded_in_a_page_runs_no_claim_text(tmp_path: Path) -> None:
    """The JSON-LD pasted into <script type="application/ld+json"> as a site
    would: claim text holding </script><script>... must stay data."""
    import dataclasses
    import shutil as sh

    from factcheck import store

    root = tmp_path / "repo"
    sh.copytree(ROOT / "tests" / "data" / "repo-small", root)
    path = root / "claims" / "en-noto.yaml"
    cf = store.read_claim_file(path)
    attack = "</script><script>document.getElementById('out').textContent='PWNED'</script><!--"
    claims = tuple(dataclasses.replace(c, text=attack) if c.disputes else c for c in cf.claims)
    store.write_claim_file(path, store.ClaimFile(cf.document, claims))
    exported = CliRunner().invoke(app, ["export", "--format", "claimreview", "--root", str(root)])
    assert exported.exit_code == 0, exported.output
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><body><p id=out>not parsed</p>\n"
        f'<script type="application/ld+json">{exported.stdout}</script>\n'
        "<script>const d = JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent);"
        "document.getElementById('out').textContent = 'parsed ' + d['@graph'].filter(r => r.claimReviewed.includes('PWNED')).length;"
        "</script></body></html>\n",
        encoding="utf-8",
    )
    dom = browser("--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    assert "PWNED</p>" not in dom.stdout
    assert '<p id="out">parsed 2</p>' in dom.stdout or '<p id="out">parsed ' in dom.stdout
