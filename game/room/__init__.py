"""The workshop room: a facilitator's server, its database, its dashboard, and the client.

The model, the rules and the scenarios never import this package; it reads them.
`protocol` (message checks) and `client` need only the standard library and `websockets`;
`server` needs the `room` extra (Starlette, uvicorn, SQLAlchemy).
"""
