"""Release artifacts: the reproducible data archive, the wheel and sdist, and the registry of released hashes.

`build.build_release` writes them; `registry` records each released archive's sha256 so that
`syria_offensive.release.download` can verify what it fetches; `unpack` opens an archive without trusting it.
"""
