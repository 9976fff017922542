"""Prepara os notebooks para o Colab: links que funcionam lá e o aviso de como rodar.

Quem escreve um capítulo usa links relativos (`[capítulo 3](03-funcoes-de-ativacao.ipynb)`,
`[notação](../notacao.md)`). O Colab abre um notebook por vez, e ali um link relativo não leva
a lugar nenhum; este gerador troca, nas células markdown de chapters/ e solutions/, cada link
relativo para um `.ipynb` do curso pelo endereço desse notebook no Colab, e cada link para uma
página `.md` pelo endereço dela no site publicado (`html.baseurl`). No site, a extensão
_ext/links_do_curso.py faz o caminho inverso. exercises/ herda os links das soluções.

Uso: `python scripts/gerar_links.py` escreve; com `--checar` só compara e falha se algo estiver
desatualizado ou se um link apontar para um arquivo que não existe.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml
from geracao import RAIZ, escrever_ou_checar

LINK = re.compile(r"\]\(([^)\s]+)\)")
AVISO_EXECUCAO = ("> **Para rodar**: execute as células em ordem, de cima para baixo, começando "
                  "pela de preparação; basta um ambiente só com CPU (o padrão do Colab), sem "
                  "instalar nada.")


def prefixos() -> tuple[str, str]:
    """Prefixo dos notebooks no Colab e das páginas no site publicado, lidos de _config.yml."""
    config = yaml.safe_load((RAIZ / "_config.yml").read_text(encoding="utf-8"))
    repositorio = config["repository"]["url"].rstrip("/").removeprefix("https://github.com/")
    colab = (f"https://colab.research.google.com/github/{repositorio}/blob/"
             f"{config['repository']['branch']}/")
    return colab, config["html"]["baseurl"].rstrip("/") + "/"


def absoluto(alvo: str, pasta: Path, colab: str, site: str) -> str:
    """O endereço absoluto de um link relativo a `pasta`; os outros links voltam como estão."""
    if re.match(r"^[a-z]+:", alvo) or not re.search(r"\.(ipynb|md)(#.*)?$", alvo):
        return alvo  # endereços completos, âncoras e o que não é notebook nem página
    caminho, _, ancora = alvo.partition("#")
    arquivo = (pasta / caminho).resolve()
    if not arquivo.is_file() or RAIZ not in arquivo.parents:
        raise ValueError(f"link para um arquivo que não existe: {alvo} (em {pasta.name}/)")
    relativo = arquivo.relative_to(RAIZ).as_posix()
    if arquivo.suffix == ".ipynb":
        novo = colab + relativo
    else:
        novo = site + relativo.removesuffix(".md") + ".html"
    return novo + (f"#{ancora}" if ancora else "")


def alvos_existem(nb: nbformat.NotebookNode, colab: str, site: str) -> list[str]:
    """Links absolutos do curso que apontam para arquivos que não existem no repositório."""
    faltando = []
    for celula in nb.cells:
        for alvo in LINK.findall(celula.source) if celula.cell_type == "markdown" else []:
            for prefixo, extensao in ((colab, ".ipynb"), (site, ".html")):
                if alvo.startswith(prefixo):
                    caminho = alvo[len(prefixo):].partition("#")[0]
                    fonte = caminho if extensao == ".ipynb" else caminho[:-5] + ".md"
                    if not (RAIZ / fonte).is_file():
                        faltando.append(alvo)
    return faltando


def com_aviso(primeira: str) -> str:
    """A primeira célula com o aviso de execução logo depois da linha do título."""
    if AVISO_EXECUCAO in primeira:
        return primeira
    titulo, _, resto = primeira.partition("\n")
    return f"{titulo}\n\n{AVISO_EXECUCAO}\n\n{resto.lstrip(chr(10))}".rstrip("\n")


def reescrever(caminho: Path, colab: str, site: str) -> str:
    """O notebook com os links relativos trocados pelos absolutos e o aviso de execução."""
    nb = nbformat.read(caminho, as_version=4)
    nb.cells[0].source = com_aviso(nb.cells[0].source)
    for celula in nb.cells:
        if celula.cell_type == "markdown":
            celula.source = LINK.sub(
                lambda m: f"]({absoluto(m.group(1), caminho.parent, colab, site)})",
                celula.source)
    faltando = alvos_existem(nb, colab, site)
    if faltando:
        raise ValueError(f"{caminho.name}: links para arquivos inexistentes: {faltando}")
    return nbformat.writes(nb) + "\n"


def main() -> int:
    """Escreve (ou, com --checar, compara) os notebooks preparados para o Colab."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checar", action="store_true", help="só compara; não escreve")
    args = parser.parse_args()
    colab, site = prefixos()
    notebooks = sorted((RAIZ / "chapters").glob("*.ipynb")) + sorted(
        (RAIZ / "solutions").glob("*.ipynb"))
    try:
        esperado = {caminho: reescrever(caminho, colab, site) for caminho in notebooks}
    except ValueError as erro:
        print(erro)
        return 1
    return escrever_ou_checar(esperado, args.checar)


if __name__ == "__main__":
    sys.exit(main())
