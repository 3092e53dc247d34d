"""How an exported workbook prints, shared by check_exports.py and check_followup_exports.py."""


def print_setup_problems(book, path):
    """Every sheet prints on landscape A4, one page wide, with its title and header rows on
    each page: the problems found, one sentence each (none when all is as it should be)."""
    problems = []
    for sheet in book.worksheets:
        where = f"{path} {sheet.title}"
        if sheet.page_setup.orientation != "landscape":
            problems.append(f"{where}: orientation {sheet.page_setup.orientation}")
        if str(sheet.page_setup.paperSize) != "9":
            problems.append(f"{where}: paper size {sheet.page_setup.paperSize}, not A4 (9)")
        fit = sheet.sheet_properties.pageSetUpPr
        if fit is None or not fit.fitToPage:
            problems.append(f"{where}: not fitted to the page")
        # fitToWidth is 1 when left out (OOXML's default); 0 pages tall: as many as it takes.
        if int(sheet.page_setup.fitToWidth or 1) != 1 or int(sheet.page_setup.fitToHeight or 0) != 0:
            problems.append(f"{where}: fit {sheet.page_setup.fitToWidth}x{sheet.page_setup.fitToHeight}, "
                            "not 1 page wide")
        if sheet.print_title_rows != "$1:$2":
            problems.append(f"{where}: print title rows {sheet.print_title_rows!r}")
    return problems
