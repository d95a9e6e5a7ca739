"""The CI definitions a network copies (GitHub Actions, GitLab CI): valid YAML, every `invoke`
command they run exists in tasks.py with those options, full git history, the build cache kept,
checks on every push and pull request, publishing only from main, a nightly build, and every
secret they read explained in the editors' handbook."""

from __future__ import annotations

import importlib.util
import re
import runpy
import shlex

import pytest
import yaml
from conftest import REPO
from invoke import Collection
from invoke.parser import ParseError, Parser

GITHUB = REPO / ".github" / "workflows" / "website.yml"
GITLAB = REPO / ".gitlab-ci.yml"
HANDBOOK = REPO / "docs" / "redaktion.md"
CACHE_PATH = runpy.run_path(str(REPO / "pelicanconf.py"))["CACHE_PATH"]


def _load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _github_jobs():
    return _load(GITHUB)["jobs"]


def _gitlab_jobs():
    reserved = {"default", "variables", "workflow", "stages", "include", "image", "cache"}
    return {name: job for name, job in _load(GITLAB).items() if name not in reserved and not name.startswith(".")}


def _invocations(script: str) -> list[list[str]]:
    """The argument lists of every ``invoke`` command in a shell script."""
    commands = []
    for line in script.splitlines():
        for part in re.split(r"&&|\|\||;", line):
            words = shlex.split(part, comments=True)
            if words and words[0] == "invoke":
                commands.append(words[1:])
    return commands


def _github_invocations(job) -> list[list[str]]:
    return [words for step in job["steps"] for words in _invocations(step.get("run", ""))]


def _gitlab_invocations(job, default) -> list[list[str]]:
    lines = [*job.get("before_script", default.get("before_script", [])), *job.get("script", [])]
    return [words for line in lines for words in _invocations(line)]


def _all_invocations() -> list[list[str]]:
    default = _load(GITLAB).get("default", {})
    found = [words for job in _github_jobs().values() for words in _github_invocations(job)]
    return found + [words for job in _gitlab_jobs().values() for words in _gitlab_invocations(job, default)]


@pytest.fixture(scope="module")
def parser():
    spec = importlib.util.spec_from_file_location("tasks", REPO / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    return Parser(contexts=Collection.from_module(tasks).to_contexts())


def test_both_definitions_are_yaml_mappings_with_jobs():
    assert _github_jobs() and _gitlab_jobs()


def test_every_invoke_command_exists_with_its_options(parser):
    invocations = _all_invocations()
    assert len(invocations) >= 8
    for words in invocations:
        try:
            parsed = parser.parse_argv(words)
        except ParseError as error:
            pytest.fail(f"invoke {shlex.join(words)}: {error}")
        assert len(parsed) == 1, f"invoke {shlex.join(words)}: expected exactly one task"
    assert ["check"] in invocations and ["publish", "--dry-run"] in invocations


def test_a_wrong_option_is_caught(parser):
    """The check above can fail: an option tasks.py does not declare is refused."""
    with pytest.raises(ParseError):
        parser.parse_argv(["publish", "--dryrun"])
    with pytest.raises(ParseError):
        parser.parse_argv(["deploy"])


def test_github_checks_every_push_and_pull_request_and_publishes_only_from_main():
    triggers = _load(GITHUB)[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] is None and triggers["pull_request"] is None  # no branch filter
    check = _github_jobs()["check"]
    assert "if" not in check
    assert {tuple(words) for words in _github_invocations(check)} >= {("check",), ("publish", "--dry-run")}
    preview = [step for step in check["steps"] if "upload-artifact" in step.get("uses", "")]
    assert preview and preview[0]["if"] == "github.event_name == 'pull_request'"
    for name, job in _github_jobs().items():
        if any(words[0] == "publish" and "--dry-run" not in words for words in _github_invocations(job)):
            assert "github.ref == 'refs/heads/main'" in job["if"], name
            assert job["needs"] == "check", name


def test_gitlab_checks_every_push_and_merge_request_and_publishes_only_from_the_default_branch():
    jobs = _gitlab_jobs()
    sources = " ".join(rule["if"] for rule in _load(GITLAB)["workflow"]["rules"])
    assert '"merge_request_event"' in sources and "$CI_COMMIT_BRANCH" in sources
    assert "rules" not in jobs["check"]
    assert jobs["preview"]["artifacts"]["paths"] == ["vorschau/"]
    for name, job in jobs.items():
        if any(words[0] == "publish" and "--dry-run" not in words for words in _gitlab_invocations(job, {})):
            assert all("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in rule["if"] for rule in job["rules"]), name


def test_full_history_is_fetched():
    for name, job in _github_jobs().items():
        checkouts = [step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, name
        assert all(step["with"]["fetch-depth"] == 0 for step in checkouts), name
    assert _load(GITLAB)["variables"]["GIT_DEPTH"] == 0
    assert all("GIT_DEPTH" not in job.get("variables", {}) for job in _gitlab_jobs().values())


def test_the_build_cache_is_kept_between_runs():
    for name, job in _github_jobs().items():
        caches = [step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@")]
        assert [step["with"]["path"] for step in caches] == [CACHE_PATH], name
    kept = [path for cache in _load(GITLAB)["default"]["cache"] for path in cache["paths"]]
    assert f"{CACHE_PATH}/" in kept


def test_a_nightly_build_exists():
    (schedule,) = _load(GITHUB)[True]["schedule"]
    minute, hour, *every_day = schedule["cron"].split()
    assert every_day == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    # GitLab's schedule is made in its web interface; the pipeline must let it run.
    rules = _load(GITLAB)["workflow"]["rules"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in rules


def test_every_secret_and_variable_they_read_is_explained_in_the_handbook():
    handbook = HANDBOOK.read_text(encoding="utf-8")
    section = handbook[handbook.index("## Veröffentlichen mit GitHub oder GitLab") :]
    names = set(re.findall(r"(?:secrets|vars)\.([A-Z_]+)", GITHUB.read_text(encoding="utf-8")))
    names |= set(re.findall(r"\$\{?(DEPLOY_[A-Z_]+)", GITLAB.read_text(encoding="utf-8")))
    assert {"DEPLOY_METHOD", "DEPLOY_TARGET", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS"} <= names
    assert [name for name in sorted(names) if f"`{name}`" not in section] == []
