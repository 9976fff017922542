"""Apaga as saídas e os contadores de execução de todos os notebooks do curso."""

from pathlib import Path

import nbformat
from gerar_exercicios import limpar

RAIZ = Path(__file__).resolve().parent.parent

for pasta in ("chapters", "exercises", "solutions"):
    for caminho in sorted((RAIZ / pasta).glob("*.ipynb")):
        nb = nbformat.read(caminho, as_version=4)
        limpar(nb)
        nbformat.write(nb, caminho)
