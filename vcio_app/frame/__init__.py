"""The frame every page runs in: the chrome (header, sidebar, address bar, footer), the sidebar's
inputs, presentation mode, the error guard, the server's start-up hook and the shared page pieces."""
