"""The examples in the docstrings run and give what they show."""

import doctest

import pytest

import dangjian


def test_docstring_examples():
    pytest.importorskip("pandas")
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    # The module's functions and Pipeline; normalize is compiled code of
    # the inner module, so it is looked up on its own.
    tests = finder.find(dangjian, "dangjian")
    # The archive lives in its own module of the package.
    tests += finder.find(dangjian._archive, "dangjian._archive", globs={"dangjian": dangjian})
    tests += finder.find(dangjian.normalize, "dangjian.normalize", globs={"dangjian": dangjian})
    seen = 0
    for t in tests:
        seen += len(t.examples)
        runner.run(t)
    assert seen >= 10
    assert runner.failures == 0, runner.summarize(verbose=False)
