"""An interrupted assessment resumes: what was finished is kept, and the next run starts with
the promises the interrupted one did not reach, so short runs add up to a whole pass."""

import dataclasses

import pytest
from assessment_fixtures import PROMISES

from beloftemeter.analysis.assessor import assess_promises, promises_of
from beloftemeter.store.assessment import fingerprints, load_assessments, save_assessments


def interrupt_after(n: int):
    """A progress callback that stops the run (as Ctrl-C does) after `n` promises."""
    done = []

    def progress(step: int) -> None:
        done.append(step)
        if len(done) >= n:
            raise KeyboardInterrupt

    return progress


def interrupted_run(store, linker, n: int) -> None:
    with pytest.raises(KeyboardInterrupt):
        assess_promises(store, linker, promises_of(store), complete=True,
                        progress=interrupt_after(n))


def test_two_interrupted_runs_assess_every_promise_once(assessment_store, linker):
    interrupted_run(assessment_store, linker, 2)
    assert len(fingerprints(assessment_store)) == 2  # finished work is kept
    interrupted_run(assessment_store, linker, 2)
    assert set(fingerprints(assessment_store)) == set(PROMISES)  # the next two, not the same
    report = assess_promises(assessment_store, linker, promises_of(assessment_store),
                             complete=True)
    assert (report.assessed, report.unchanged) == (0, 4)


def test_stale_assessments_are_rechecked_where_the_interrupted_run_stopped(
        assessment_store, linker):
    assess_promises(assessment_store, linker, promises_of(assessment_store), complete=True)
    # Every verdict out of date (as after new decisions or a new threshold).
    save_assessments(assessment_store, [dataclasses.replace(a, fingerprint="oud")
                                        for a in load_assessments(assessment_store)])
    interrupted_run(assessment_store, linker, 2)
    interrupted_run(assessment_store, linker, 2)
    assert "oud" not in fingerprints(assessment_store).values()
    # A finished pass forgets what it checked: the next one starts from the top again.
    report = assess_promises(assessment_store, linker, promises_of(assessment_store),
                             complete=True)
    assert (report.assessed, report.unchanged) == (0, 4)
    seen = []
    assess_promises(assessment_store, linker, promises_of(assessment_store), complete=True,
                    progress=lambda n: seen.append(n))
    assert len(seen) == 4


def test_a_failure_other_than_an_interrupt_writes_nothing(assessment_store, linker):
    def fail(_: int) -> None:
        raise RuntimeError("kapot")

    with pytest.raises(RuntimeError):
        assess_promises(assessment_store, linker, promises_of(assessment_store), progress=fail)
    assert fingerprints(assessment_store) == {}
