#!/usr/bin/env python3
"""Rewrites the templates of Tests/Fixtures/themes-invalid from the current
default theme, each with its one defect, so the fixtures never drift from the
templates they are copies of. Run after changing kreis.mustache or
card.mustache, then re-record: RECORD_SNAPSHOTS=1 swift test --filter ThemeContract
(and read the diff: only line numbers may move)."""
from pathlib import Path

root = Path(__file__).resolve().parent
theme = root.parent.parent / "Themes/default/templates"
fixtures = root / "themes-invalid"

# fixture: (template, text to find, replacement) — the one defect
DEFECTS = {
    "dot-on-object": ("kreis.mustache", "{{{locator}}}", "{{{locator}}}{{#land}}{{{.}}}{{/land}}"),
    "list-printed": ("kreis.mustache", "{{{locator}}}", "{{{locator}}}{{{sections}}}"),
    "missing-partial": ("kreis.mustache", "{{> card}}", "{{> karte}}"),
    "misspelled-variable": ("kreis.mustache", "<h1>{{{name}}}</h1>", "<h1>{{{nmae}}}</h1>"),
    "unclosed-section": ("card.mustache", "{{/germany}}\n", "\n"),
    "escaped-markup": ("card.mustache", "{{{title}}}</a></h3>", "{{title}}</a></h3>"),
}

for name, (template, old, new) in DEFECTS.items():
    text = (theme / template).read_text(encoding="utf-8")
    assert old in text, f"{name}: {old!r} not in {template}"
    (fixtures / name / "templates" / template).write_text(text.replace(old, new, 1), encoding="utf-8")
    print(f"{name}: {template}")
