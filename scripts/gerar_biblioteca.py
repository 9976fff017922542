"""Gera a biblioteca do curso (o pacote `redes/`) a partir das células marcadas dos capítulos.

Uma célula de capítulo com a etiqueta `biblioteca` define uma peça reutilizável (só `def`,
`class` e constantes; sem `import`: a biblioteca usa apenas `np`). Este script:

- escreve `redes/__init__.py` com essas células, na ordem dos capítulos;
- preenche a célula com a etiqueta `codigo-anterior` de cada notebook (capítulos e soluções)
  com o código dos capítulos anteriores (no notebook de soluções de um capítulo, também o
  do próprio capítulo), escondida no site (`hide-input`) e recolhida no Colab (`#@title` e
  `cellView: form`). Assim cada notebook roda sozinho, sem nada ao lado.

Uso: `python scripts/gerar_biblioteca.py` escreve; com `--checar` só compara e falha se algo
estiver desatualizado.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

import nbformat
from geracao import RAIZ, escrever_ou_checar, etiquetas

PACOTE = RAIZ / "redes" / "__init__.py"
ETIQUETA_BIBLIOTECA = "biblioteca"
ETIQUETA_ANTERIOR = "codigo-anterior"
TITULO_CELULA = "#@title Código dos capítulos anteriores (clique para ver)"
PERMITIDOS = (ast.FunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


def numero(caminho: Path) -> int:
    """Número do capítulo no nome do arquivo ('07-gradiente...' -> 7)."""
    return int(caminho.name[:2])


def titulo(nb: nbformat.NotebookNode) -> str:
    """Título do capítulo, sem o '# ' (ex.: '06 · Retropropagação em forma matricial')."""
    primeira = nb.cells[0].source.splitlines()[0]
    return re.sub(r"^#\s*", "", primeira).strip()


def conferir_definicoes(fonte: str, origem: str) -> None:
    """Falha se a célula tiver algo além de definições (import, print, contas soltas)."""
    for no in ast.parse(fonte).body:
        if not isinstance(no, PERMITIDOS):
            raise ValueError(
                f"{origem}, linha {no.lineno}: uma célula `{ETIQUETA_BIBLIOTECA}` só pode ter "
                f"def, class e constantes (achei {type(no).__name__})"
            )


def trechos() -> list[tuple[int, str]]:
    """(número do capítulo, código) das células `biblioteca`, na ordem dos capítulos."""
    resultado = []
    for caminho in sorted((RAIZ / "chapters").glob("*.ipynb")):
        nb = nbformat.read(caminho, as_version=4)
        fontes = []
        for i, celula in enumerate(nb.cells):
            if celula.cell_type == "code" and ETIQUETA_BIBLIOTECA in etiquetas(celula):
                conferir_definicoes(celula.source, f"{caminho.name}, célula {i}")
                fontes.append(celula.source.strip("\n"))
        if fontes:
            cabecalho = f"# ── capítulo {titulo(nb)} ──"
            resultado.append((numero(caminho), cabecalho + "\n" + "\n\n\n".join(fontes)))
    return resultado


def juntar(partes: list[tuple[int, str]]) -> str:
    """O código das partes, separado como o ruff espera entre definições."""
    return "\n\n\n".join(codigo for _, codigo in partes)


def texto_pacote(partes: list[tuple[int, str]]) -> str:
    """Conteúdo de redes/__init__.py."""
    return (
        '"""Biblioteca do curso: as peças reutilizáveis, copiadas dos capítulos que as ensinam.\n\n'
        "Gerado por `make exercises` (scripts/gerar_biblioteca.py) a partir das células com a\n"
        "etiqueta `biblioteca`. Não edite à mão: edite o capítulo e gere de novo.\n"
        '"""\n\n'
        "import numpy as np\n\n\n" + juntar(partes) + "\n"
    )


def texto_celula(partes: list[tuple[int, str]]) -> str:
    """Fonte da célula `codigo-anterior` com as partes dadas."""
    numeros = [n for n, _ in partes]
    if len(numeros) == 1:
        onde = f"no capítulo {numeros[0]}"
    else:
        onde = "nos capítulos " + ", ".join(map(str, numeros[:-1])) + f" e {numeros[-1]}"
    return (
        f"{TITULO_CELULA}\n"
        f"# Código ensinado {onde},\n"
        "# copiado por `make exercises` das células `biblioteca` (é o mesmo do pacote\n"
        "# `redes` do repositório). Não edite aqui.\n"
        "import numpy as np  # noqa: F811 (a célula funciona sozinha)\n\n\n" + juntar(partes)
    )


def preencher(nb: nbformat.NotebookNode, partes: list[tuple[int, str]], origem: str) -> bool:
    """Preenche a célula `codigo-anterior` (se houver); devolve se o notebook mudou."""
    celulas = [c for c in nb.cells if ETIQUETA_ANTERIOR in etiquetas(c)]
    if not celulas:
        return False
    if len(celulas) > 1 or not partes:
        raise ValueError(f"{origem}: esperava 1 célula `{ETIQUETA_ANTERIOR}` e código anterior")
    celula = celulas[0]
    antes = (celula.source, dict(celula.metadata))
    celula.source = texto_celula(partes)
    celula.metadata["cellView"] = "form"
    celula.metadata["tags"] = [ETIQUETA_ANTERIOR, "hide-input"]
    return antes != (celula.source, dict(celula.metadata))


def alvos() -> dict[Path, str]:
    """Mapa caminho -> conteúdo esperado do pacote e de cada notebook com código anterior."""
    partes = trechos()
    esperado = {PACOTE: texto_pacote(partes)}
    for pasta, inclui_o_proprio in (("chapters", False), ("solutions", True)):
        for caminho in sorted((RAIZ / pasta).glob("*.ipynb")):
            n = numero(caminho)
            anteriores = [p for p in partes if p[0] < n or (inclui_o_proprio and p[0] == n)]
            nb = nbformat.read(caminho, as_version=4)
            if preencher(nb, anteriores, caminho.name):
                esperado[caminho] = nbformat.writes(nb) + "\n"
    return esperado


def main() -> int:
    """Escreve (ou, com --checar, compara) o pacote e as células geradas."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checar", action="store_true", help="só compara; não escreve")
    args = parser.parse_args()
    return escrever_ou_checar(alvos(), args.checar)

if __name__ == "__main__":
    sys.exit(main())
