"""H5xx: quantitative targets (indicators) and the metrics they measure."""

from __future__ import annotations

from ..numbers import stated_numbers, states
from ..problems import WARNING, did_you_mean
from . import Finding, Node, rule
from .citations import in_task_text


@rule("H501", "phrase-not-in-text", "indicator", "an indicator's phrase stands word for word in the task's text",
      "copy the words exactly from the task's text")
def phrase_not_in_text(node: Node, ctx):
    indicator = node.item.item
    if not in_task_text(node.item.task, indicator.phrase):
        yield Finding("the indicator phrase is not found word for word in the task's text",
                      "copy the words exactly from the task's text", indicator.phrase, at=("phrase",))


@rule("H502", "value-not-stated", "indicator", "an indicator's value (and value_max) is a number its phrase states",
      "use one of the phrase's numbers")
def value_not_stated(node: Node, ctx):
    indicator = node.item.item
    for key in ("value", "value_max"):
        value = getattr(indicator, key)
        if value is not None and not states(indicator.phrase, value):
            numbers = ", ".join(f"{n:g}" for n in stated_numbers(indicator.phrase))
            yield Finding("the value is not a number the phrase states",
                          "use one of the phrase's numbers: " + (numbers or "(none: quote the words that state it)"),
                          value, at=(key,))


@rule("H503", "unknown-metric", "indicator", "an indicator's metric is in metrics.yaml",
      "use the id suggested, or add the metric to data/metrics.yaml")
def unknown_metric(node: Node, ctx):
    metric = node.item.item.metric
    if metric and metric not in ctx.handbook.metrics:
        yield Finding("unknown metric", did_you_mean(metric, ctx.handbook.metrics) or "add it to data/metrics.yaml",
                      metric, at=("metric",))


@rule("H504", "inherited-year", "indicator", "an indicator marked year_inherited has the plan's target_year",
      "set year to the plan's target_year, or drop year_inherited")
def inherited_year(node: Node, ctx):
    plan, indicator = node.item.plan, node.item.item
    if indicator.year_inherited and indicator.year != plan.target_year:
        yield Finding("an inherited year must be the plan's target_year",
                      f"set year: {plan.target_year}, or drop year_inherited if the sentence states the year",
                      indicator.year, at=("year",))


@rule("H505", "reversed-range", "indicator", "a range's value_max is not below its value",
      "write the range as value (low) and value_max (high)")
def reversed_range(node: Node, ctx):
    indicator = node.item.item
    if indicator.value_max is not None and indicator.value_max < indicator.value:
        yield Finding("value_max is below value", "write the range as value (low) and value_max (high)",
                      indicator.value_max, at=("value_max",))


@rule("H506", "unmapped-indicator", "indicator", "an indicator has a metric (so its metric page compares it) or "
      "says why none fits", "add 'metric: <id in metrics.yaml>', or 'unmapped: <why no metric fits>'",
      severity=WARNING)
def unmapped_indicator(node: Node, ctx):
    indicator = node.item.item
    if indicator.metric is None and not indicator.unmapped:
        yield Finding("the indicator has no metric and no reason why, so no metric page compares it",
                      "add 'metric: <id in metrics.yaml>', or 'unmapped: <why no metric fits>'", indicator.name,
                      at=("name",))


@rule("H507", "mapped-and-unmapped", "indicator", "an indicator does not have both a metric and an unmapped reason",
      "keep 'metric:' and remove 'unmapped:', or the other way round")
def mapped_and_unmapped(node: Node, ctx):
    indicator = node.item.item
    if indicator.metric is not None and indicator.unmapped:
        yield Finding("the indicator has a metric and also says it is unmapped",
                      "keep 'metric:' and remove 'unmapped:', or the other way round", indicator.unmapped,
                      at=("unmapped",))
