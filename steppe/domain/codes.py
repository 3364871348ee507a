"""Pure code-table logic: CAMEO roots, quad classes, the poles of multivector diplomacy."""

from __future__ import annotations

FOCAL_STATES: tuple[str, ...] = ("KAZ", "KGZ", "TJK", "TKM", "UZB", "AZE")
"""The six states whose leaders meet in the Consultative Meeting (Azerbaijan since 2025)."""

POLES: tuple[str, ...] = ("RUS", "CHN", "EU", "USA", "TUR", "IRN", "region", "other")
"""The partner poles over which the multivector index measures balance."""

COOPERATIVE_QUAD_CLASSES: tuple[int, ...] = (1, 2)


def cameo_root(code: str) -> int:
    """The two-digit CAMEO root of an event code.

    >>> cameo_root("0311")
    3
    """
    if len(code) < 2 or not code[:2].isdigit():
        raise ValueError(f"not a CAMEO event code: {code!r}")
    return int(code[:2])


def quad_class(code: str) -> int:
    """GDELT/CAMEO quad class: 1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict (roots 01-05, 06-08, 09-13, 14-20).

    >>> quad_class("042"), quad_class("070"), quad_class("112"), quad_class("190")
    (1, 2, 3, 4)
    """
    root = cameo_root(code)
    if not 1 <= root <= 20:
        raise ValueError(f"CAMEO root out of range: {code!r}")
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4
