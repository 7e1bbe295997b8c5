"""The consistency check finds what no data set can produce in seed 002's published figures."""

from __future__ import annotations

from ntm.reports.consistency import (
    CONTRADICTION,
    WARNING,
    PublishedGroup,
    PublishedReview,
    check_published,
    realize,
)
from tests.reports.seed002 import PUBLISHED_ADVANCED, PUBLISHED_NTM


def codes(report):
    return {(f.code, f.severity) for f in report.findings}


def test_it_finds_that_seed_002_advanced_unmet_counts_add_to_55_where_the_groups_imply_54():
    report = check_published(PUBLISHED_ADVANCED)
    assert not report.consistent
    finding = next(f for f in report.findings if f.code == "unmet_sum")
    assert finding.severity == CONTRADICTION
    assert (
        "là 55, nhưng theo các nhóm chỉ có 54 (10 xã × 19 tiêu chí − 136 tiêu chí đã đạt)"
        in finding.message_vi
    )
    assert "add up to 55, but the groups imply 54" in finding.message_en


def test_it_finds_seed_002_ntm_group_at_15_of_19_cannot_meet_54_of_57_indicators():
    report = check_published(PUBLISHED_NTM)
    cap = next(f for f in report.findings if f.code == "indicator_cap")
    assert "đạt tối đa 53/57 chỉ tiêu; số công bố 54/57 là không thể" in cap.message_vi
    assert [f.code for f in report.findings].count("indicator_cap") == 1


def test_it_finds_seed_002_ntm_list_names_34_unmet_criteria_where_the_groups_imply_37():
    report = check_published(PUBLISHED_NTM)
    finding = next(f for f in report.findings if f.code == "unmet_sum")
    assert finding.severity == CONTRADICTION
    assert "là 34, ít hơn 37 theo các nhóm: danh sách thiếu 3 lượt" in finding.message_vi


def test_a_partial_list_short_of_the_groups_is_only_a_warning_and_gets_an_example():
    published = PublishedReview(
        criteria_total=19,
        indicators_total=57,
        communes_total=12,
        groups=tuple(
            g if g.criteria_met != 15 else PublishedGroup(2, 15, 51, 53, g.names)
            for g in PUBLISHED_NTM.groups
        ),
        unmet_by_criterion=PUBLISHED_NTM.unmet_by_criterion,
        unmet_list_complete=False,
    )
    report = check_published(published)
    assert codes(report) == {("unmet_sum", WARNING)}
    assert report.consistent
    assert report.example is not None
    assert [len(row) for row in report.example] == [1, 1, 1, 1, 2, 2, 2, 4, 4, 6, 6, 7]


def test_consistent_figures_produce_no_finding_and_an_example_assignment():
    published = PublishedReview(
        criteria_total=3,
        indicators_total=6,
        communes_total=2,
        groups=(PublishedGroup(1, 3, 6, 6), PublishedGroup(1, 1, 3, 3)),
        unmet_by_criterion={1: 1, 2: 1},
    )
    report = check_published(published)
    assert report.findings == ()
    assert report.example == ((), (0, 1))


def test_it_catches_a_group_of_one_with_a_range_and_a_total_that_does_not_add_up():
    published = PublishedReview(
        criteria_total=19,
        communes_total=5,
        groups=(PublishedGroup(1, 18, 55, 56), PublishedGroup(2, 17, 50, 52, ("A",))),
        unmet_by_criterion={17: 3, 2: 2},
    )
    assert codes(check_published(published)) >= {
        ("group_total", CONTRADICTION),
        ("single_range", CONTRADICTION),
        ("group_names", CONTRADICTION),
    }


def test_it_catches_a_criterion_unmet_in_more_communes_than_were_reviewed():
    published = PublishedReview(
        criteria_total=2, groups=(PublishedGroup(2, 1),), unmet_by_criterion={1: 3}
    )
    assert ("criterion_count", CONTRADICTION) in codes(check_published(published))


def test_it_catches_too_few_indicators_for_the_criteria_met_when_the_set_is_known():
    published = PublishedReview(
        criteria_total=3,
        indicators_total=9,
        groups=(PublishedGroup(1, 2, 4, 4),),
        unmet_by_criterion={3: 1},
        indicators_per_criterion={1: 3, 2: 3, 3: 3},
    )
    assert ("indicator_floor", CONTRADICTION) in codes(check_published(published))


def test_realize_refuses_sums_no_matrix_can_have():
    assert realize([2, 0], [1, 1]) == ((0, 1), ())
    assert realize([2, 2], [2, 1, 1]) is not None
    assert realize([3, 0], [2, 1]) is None
    assert realize([1, 1], [2, 1]) is None
