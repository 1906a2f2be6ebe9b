"""Data rules about indicators that the cross-plan views rely on.

Each rule is one function that yields problems for one located indicator, so the
rule registry (issue 7) can list it under its code.
"""

from __future__ import annotations

from typing import Iterator

from . import model
from .problems import ERROR, WARNING, Problem
from .read import KeyPath, YamlFile, key_string


def check_unmapped_indicator(indicator: model.Indicator, file: YamlFile, path: KeyPath) -> Iterator[Problem]:
    """H513: an indicator names its metric, or says why it has none.

    A metric page lists every indicator of its metric, so an indicator with neither
    ``metric`` nor ``unmapped`` silently drops out of every comparison across plans
    (a warning: an imported draft still loads). Both at once contradict each other
    (an error).
    """
    if indicator.metric is None and not indicator.unmapped:
        yield Problem(file.where(path + ("name",)), key_string(path + ("metric",)),
                      "H513 the indicator has no metric and no reason why, so no metric page compares it",
                      "add 'metric: <id in metrics.yaml>', or 'unmapped: <why no metric fits>'",
                      indicator.name, WARNING)
    elif indicator.metric is not None and indicator.unmapped:
        yield Problem(file.where(path + ("unmapped",)), key_string(path + ("unmapped",)),
                      "H513 the indicator has a metric and also says it is unmapped",
                      "keep 'metric:' and remove 'unmapped:', or the other way round", indicator.unmapped, ERROR)
