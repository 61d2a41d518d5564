"""The workshop in a browser (issue 18): pages served over HTTP beside the SSH server.

Core code by the layer rule: nothing here imports Textual, questionary or asyncssh (the
participant's session reaches the browser through textual-serve, in its own process).
"""
