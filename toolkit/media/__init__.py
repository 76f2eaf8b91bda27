"""Images and audio: the rules shared by the checks, the pages and the kits."""
