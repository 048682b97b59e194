"""Small agreement PDFs written by code: a table of contents, two columns, running headers,
page numbers and hyphenated line ends, in the conventions of the real agreement (the PDF
writer itself: support.pdf_pages)."""

from __future__ import annotations

from support.pdf_pages import Page, column, make_pdf, page_furniture


def sample_agreement() -> bytes:
    """Six pages: a cover, a table of contents, and two parts of one chapter each."""
    return make_pdf(sample_pages())


def sample_pages() -> list[Page]:
    """The pages of `sample_agreement`, to build variants from."""
    cover: Page = [(80.0, 700.0, 24.0, "Regeerakkoord 2030-2035")]
    toc: Page = page_furniture(2) + column(60.0, 760.0, [
        "Inhoudstafel",
        "DEEL EEN 3",
        "1 \u2014 Onderwijs 4",
        "1.1 Uitdagingen en visie 4",
        "1.2 Concrete voorstellen voor een beter onderwijs en een",
        "sterkere school 4",
        "1.2.1 Kwaliteit 4",
        "DEEL TWEE 5",
        "1 \u2014 Welzijn 6",
        "1.1 Uitdagingen en visie 6",
    ])
    part: Page = [*page_furniture(3), (80.0, 680.0, 28.0, "Deel een")]
    body1: Page = [
        *page_furniture(4, "Deel een"),
        (420.0, 792.0, 8.0, "Onderwijs"),
        *column(70.0, 720.0, ["1", "Onderwijs", "1.1", "Uitdagingen en visie"], 12.0),
        *column(57.0, 660.0, [
            "Het onderwijs staat onder druk. De resultaten",
            "dalen al tien jaar. We sluiten een samenwerkings-",
            "overeenkomst met de scholen.",
            "",
            "We voeren een Vlaams-",
            "Europese toets in. De netten",
            "gebruiken net- en",
            "koepeloverschrijdende proeven.",
        ]),
        *column(310.0, 720.0, ["1.2", "Concrete voorstellen voor een beter onderwijs",
                                 "en een sterkere school", "1.2.1", "Kwaliteit"], 12.0),
        *column(310.0, 650.0, [
            "De Vlaamse Regering zal de eindtermen",
            "evalueren. Kwaliteit is belangrijk.",
        ]),
    ]
    part2: Page = [*page_furniture(5), (80.0, 680.0, 28.0, "Deel twee")]
    body2: Page = (
        page_furniture(6, "Deel twee")
        + column(70.0, 720.0, ["1", "Welzijn", "1.1", "Uitdagingen en visie"], 12.0)
        + column(57.0, 630.0, [
            "Welzijn is een recht. Het aanbod wordt",
            "uitgebreid met 100 plaatsen.",
        ])
    )
    return [cover, toc, part, body1, part2, body2]
