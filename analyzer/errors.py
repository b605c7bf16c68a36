"""Errors whose message is a single Chinese line meant for the user."""


class DraftcheckError(Exception):
    """Base class: ``str(err)`` is shown to the user as is (Chinese, names file and fix)."""


class InputError(DraftcheckError):
    """A file could not be read as a draft (wrong type, broken, too large, undecodable...)."""

    def __init__(self, path: str, problem: str, fix: str = ""):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        text = f"{self.path}：{problem}"
        if fix:
            text += f"。{fix}"
        super().__init__(text)


class ConfigError(DraftcheckError):
    """A rule file, config file, manifest or option is wrong (exit code 2)."""
