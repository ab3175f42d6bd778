"""Translation memory: TMX 1.4b through translate-toolkit's TMX storage."""
