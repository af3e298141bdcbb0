"""The browser seat: a room participant who plays in a web page instead of a game window.

The room server runs the participant's `GameSession` (`store`), the page sends the same
decisions a window applies and renders the JSON views the server sends back (`views`).
Each finished round goes into the room through `Room.submit`, the path a window client's
rounds take, so the room records both alike. `routes` puts `/play` on the room server.
"""
