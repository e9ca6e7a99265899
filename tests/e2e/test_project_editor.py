"""The project editor in a browser (issue 20, item 12): a visible "Add a project" control, a
worked example, and a key press on the grid's empty row that leaves no blank row behind."""

from __future__ import annotations

from playwright.sync_api import expect


def test_add_a_project_is_visible_and_adds_the_worked_example(page, wait_for_app, screenshot):
    page.goto("/projects")
    wait_for_app(page)
    add = page.get_by_role("button", name="Add a project")
    expect(add).to_be_visible()
    expect(page.get_by_text("No named projects yet. For example")).to_be_visible()
    add.click()
    expect(page.get_by_text("Who leads your named projects")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    expect(page.locator('[data-testid="glide-cell-1-0"]')).to_have_text(
        "Move email to Microsoft 365"
    )
    expect(page.get_by_text("plus 1 named project").first).to_be_visible()
    screenshot(page, "project-editor-after-add")


def test_typing_on_the_empty_row_leaves_no_blank_rows(page, wait_for_app, screenshot):
    page.goto("/projects")
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    expect(grid).to_be_visible()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + box["height"] - 12)  # the "add row" line
    for key in "abcde":
        page.keyboard.press(key)
        page.wait_for_timeout(150)
    page.keyboard.press("Enter")  # what a user does after typing
    page.mouse.click(box["x"] + box["width"] + 5, box["y"] - 40)  # leave the grid
    page.wait_for_timeout(800)
    wait_for_app(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    # What the key presses made is a project that counts (named as typed, or "Project N" with a
    # message on how to type in a cell), never a blank row left out of the figures.
    assert " left out" not in text, text[:2000]
    assert "named project" in text, text[:2000]
    screenshot(page, "project-editor-after-typing")
    name = page.locator('[data-testid="glide-cell-1-0"]').inner_text()
    assert name.strip() and name.strip() != "None", name
