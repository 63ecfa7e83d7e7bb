"""ContentError: a content file is malformed. Raised at start-up, naming the file."""


class ContentError(Exception):
    """A content file is malformed; the message names the file and the problem."""
