"""Reads a JUnit file the way a consumer does (Debian's python3-junitparser) and prints one
line per test case: suite|classname|name|verdict|message. Used by the JUnit consumer tests."""
import sys

from junitparser import JUnitXml, Error, Failure, Skipped

for suite in JUnitXml.fromfile(sys.argv[1]):
    for case in suite:
        verdict, message = "pass", ""
        for result in case.result:
            if isinstance(result, (Failure, Error, Skipped)):
                verdict, message = type(result).__name__.lower(), result.message or ""
                break
        print(f"{suite.name}|{case.classname}|{case.name}|{verdict}|{message}")
