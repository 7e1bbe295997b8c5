"""Pages of the web app, one module per page; each view fetches-and-authorises, then renders."""
