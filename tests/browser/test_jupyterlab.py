"""The chapters as a Binder reader meets them: a real JupyterLab (with jupyterlab-myst), driven in Chromium.

A JupyterLab server from this project's environment serves a temporary copy of chapters/ (so nothing a
test does is saved into the repository). For each chapter below the test opens it and checks, before
and after Run All:

* before: every widget cell says what to do ("Run this cell ...", written by scripts/execute_chapters.py),
  and no "Error displaying widget" or raw `BookWidget(...)` repr is shown;
* MyST is rendered: no raw `:::`, ```` ```{ ```` or `{prf:` text, and the exercise solutions are collapsed;
* after Run All: every cell ran, no error output, no widget error; moving the first control of a widget
  (a key press on it) changes its figure.

Needs jupyterlab and jupyterlab-myst (requirements-dev.txt, the same pins as binder/requirements.txt).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from book_browser import ROOT, free_port, serving

pytestmark = pytest.mark.browser
# One chapter keeps the test near 30 s: chapter 6 has exercises with dropdown solutions, labelled
# equations and {eq}/{prf:ref}/{cite} roles, a widget, and package code shown by source().
CHAPTERS = ["06_four_equations.ipynb"]
RAW_MYST = [":::", "```{", "{prf:", "{eq}`", "{cite", "{glue:"]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """Base URL of a JupyterLab serving a copy of chapters/ (no token; bound to 127.0.0.1).

    Session-scoped, used by the one test below: under pytest-xdist the server starts on the worker that
    runs that test, once. Its kernels get manager-provisioned CurveZMQ keys
    (jupyter_server's ``MappingKernelManager.transport_encryption=required``; the python3 kernelspec
    declares ``supported_encryption: curve``), so they start without ipykernel's "Kernel is running over
    TCP without encryption" warning, and fail to start rather than run unencrypted.
    """
    pytest.importorskip("jupyterlab", reason="jupyterlab is in requirements-dev.txt")
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "chapters"
    shutil.copytree(ROOT / "chapters", root)
    settings = tmp / "settings"
    # every cell rendered (no windowing), so that the whole notebook can be read; no news pop-up
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    news = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "ws"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
    )
    env.pop("BACKPROP_WIDGETS", None)  # live widgets, as on Binder
    port = free_port()
    log = open(tmp / "lab.log", "w")
    base = f"http://127.0.0.1:{port}/"
    with serving(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--ServerApp.root_dir={root}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.news_url=None",
            "--allow-root",
            "--LabApp.extension_manager=readonly",
            "--MappingKernelManager.transport_encryption=required",
        ],
        base + "api/status",
        start_timeout=60,
        probe_timeout=2,
        poll=0.3,
        stop_timeout=10,
        failure=lambda: f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text()[-3000:]}",
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    ):
        yield base
    log.close()


NOTEBOOK_STATE_JS = """
() => {
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
  if (!nb) return null;
  const cells = Array.from(nb.querySelectorAll(':scope .jp-Cell'));
  const code = cells.filter(c => c.classList.contains('jp-CodeCell'));
  const prompts = code.map(c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '');
  const markdownText = cells.filter(c => c.classList.contains('jp-MarkdownCell'))
      .map(c => (c.querySelector('.jp-RenderedMarkdown, .jp-RenderedHTMLCommon, .myst') || c).innerText).join('\\n');
  const outputs = Array.from(nb.querySelectorAll('.jp-OutputArea-output'));
  return {
    cells: cells.length, code: code.length, prompts,
    markdownText,
    outputText: outputs.map(o => o.innerText).join('\\n'),
    errors: Array.from(nb.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"]')).map(e => e.innerText.slice(0, 400)),
    details: Array.from(nb.querySelectorAll('.jp-MarkdownCell details')).map(d => ({open: d.open, text: d.innerText.slice(0, 60)})),
    solutionsVisible: Array.from(nb.querySelectorAll('.jp-MarkdownCell [class*="solution"]'))
      .filter(e => e.offsetParent !== null && !e.closest('details:not([open])') && e.innerText.trim().length > 200).length,
    widgets: nb.querySelectorAll('.jp-OutputArea-output .widget-subarea, .jp-OutputArea-output .jupyter-widgets').length,
  };
}
"""


def _state(page):
    return page.evaluate(NOTEBOOK_STATE_JS)


def _open(page, base, name):
    page.goto(f"{base}lab/tree/{name}", wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
    # the kernel is up when the toolbar's execution indicator says idle
    page.wait_for_selector(
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
    )
    # the MyST renderer has rendered the markdown cells
    page.wait_for_function(
        "() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .jp-RenderedMarkdown,"
        " .jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownCell .myst').length > 5",
        timeout=60_000,
    )
    time.sleep(1.0)


def _run_all(page):
    page.click(".lm-MenuBar-item:has-text('Run')")
    page.click(".lm-Menu-item:has-text('Run All Cells')")


def _wait_all_ran(page, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = _state(page)
        if s and s["prompts"] and all("[*]" not in p and any(ch.isdigit() for ch in p) for p in s["prompts"]):
            return s
        time.sleep(0.5)
    raise AssertionError(f"Run All did not finish in {timeout} s: prompts {_state(page)['prompts']}")


def _widget_image_hash(page, handle) -> str:
    box = handle.evaluate_handle("el => el.closest('.widget-subarea') || el.closest('.jp-OutputArea-output')")
    img = box.evaluate("el => { const i = el.querySelector('img'); return i ? i.src : null; }")
    if img:
        return hashlib.sha256(img.encode()).hexdigest()
    return hashlib.sha256(box.as_element().screenshot()).hexdigest()


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_in_jupyterlab(name, lab, browser, summary):
    if not (ROOT / "chapters" / name).is_file():
        pytest.skip(f"{name} is not in this checkout")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        t0 = time.monotonic()
        _open(page, lab, name)
        before = _state(page)
        # before Run All: widget cells say what to do, no widget error or raw widget repr
        assert "Error displaying widget" not in before["outputText"], "a widget error shows before Run All"
        assert "BookWidget(" not in before["outputText"], "a raw BookWidget(...) repr shows before Run All"
        if "interactive figure" not in before["outputText"]:
            pytest.fail(
                f"{name}: no widget cell says 'Run this cell for the interactive figure' before Run All "
                "(re-save the chapter with scripts/execute_chapters.py)",
                pytrace=False,
            )
        # MyST rendered by jupyterlab-myst, solutions collapsed
        assert len(before["markdownText"].strip()) > 1000, f"{name}: the markdown cells are not rendered"
        raw = [m for m in RAW_MYST if m in before["markdownText"]]
        assert not raw, f"{name}: raw MyST shown in JupyterLab: {raw}"
        assert all(not d["open"] for d in before["details"]), f"{name}: an expanded dropdown: {before['details']}"
        assert before["solutionsVisible"] == 0, f"{name}: {before['solutionsVisible']} solutions shown expanded"

        _run_all(page)
        after = _wait_all_ran(page)
        ran = time.monotonic() - t0
        assert not after["errors"], f"{name}: error outputs after Run All: {after['errors']}"
        assert "Error displaying widget" not in after["outputText"]
        assert after["widgets"] > 0, f"{name}: no widget rendered after Run All"

        # move the first control of the first widget: its figure must change
        control = page.locator(
            ".jp-OutputArea-output .widget-slider .noUi-handle, "
            ".jp-OutputArea-output .widget-dropdown select, "
            ".jp-OutputArea-output .widget-toggle-buttons button:not(.mod-active)"
        ).first
        control.scroll_into_view_if_needed()
        handle = control.element_handle()
        page.wait_for_timeout(500)
        old = _widget_image_hash(page, handle)
        tag = handle.evaluate("el => el.tagName")
        if tag == "SELECT":
            control.focus()
            page.keyboard.press("ArrowDown")
        elif tag == "BUTTON":
            control.click()
        else:
            control.focus()
            page.keyboard.press("ArrowRight")
        changed = False
        for _ in range(40):
            page.wait_for_timeout(250)
            if _widget_image_hash(page, handle) != old:
                changed = True
                break
        assert changed, f"{name}: the figure did not change when its control moved"
        summary(
            "JupyterLab (jupyterlab-myst, live widgets)",
            f"{name}: opened, ran all {len(after['prompts'])} code cells and moved a control in {ran:.1f} s",
        )
    finally:
        context.close()
