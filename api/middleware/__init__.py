"""The app's own ASGI middleware, one idea a module (Starlette's way).

`base` holds the two bases; each other module is one middleware: `head` (HEAD runs the GET route),
`rate_limit` (requests per client per minute), `work_budget` (work time per client, fair turns),
`body_limit` (body and URL size), `security_headers` (CSP, nosniff, framing) and
`relative_redirects` (a redirect never names the Host header a client sent).
"""

from .base import HttpMiddleware, ResponseHeaders

__all__ = ["HttpMiddleware", "ResponseHeaders"]
