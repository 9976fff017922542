"""Abre cada página do site construído num Chromium sem rede e confere o que a pessoa vê."""

from __future__ import annotations

import functools
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import RAIZ

HTML = RAIZ / "_build" / "html"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = [pytest.mark.livro, pytest.mark.xdist_group("livro")]

# Roda na página depois do MathJax: o texto fora de código e de fórmulas já compostas, as
# fórmulas por compor, as imagens que não carregaram e as saídas com traceback.
INSPECIONAR = """
async () => {
  if (window.MathJax && MathJax.startup) { await MathJax.startup.promise; }
  const fora = (no) => !no.parentElement.closest(
    'pre, code, script, style, mjx-container, .cell_input, .highlight, textarea');
  const andador = document.createTreeWalker(
    document.querySelector('article') || document.body, NodeFilter.SHOW_TEXT);
  const textos = [];
  while (andador.nextNode()) {
    if (fora(andador.currentNode)) textos.push(andador.currentNode.data);
  }
  return {
    texto: textos.join(' '),
    formulas: document.querySelectorAll('.math').length,
    compostas: document.querySelectorAll('mjx-container').length,
    imagens_quebradas: [...document.images].filter(i => !i.complete || i.naturalWidth === 0)
      .map(i => i.getAttribute('src')),
    saidas: [...document.querySelectorAll('.cell_output, .output')].map(o => o.innerText)
      .filter(t => /Traceback \\(most recent call last\\)|\\u001b\\[/.test(t)).length,
  };
}
"""
TEX_CRU = ("\\(", "\\)", "\\[", "$$", "\\frac", "\\sum", "\\theta", "\\mathbf")
MYST_CRU = ("{cite}", "{doc}", "{ref}", "{eq}", "{math}", "```", ":::", "](")


def paginas() -> list[Path]:
    """Todas as páginas HTML do site, fora as pastas de recursos."""
    return sorted(p for p in HTML.rglob("*.html")
                  if not p.relative_to(HTML).parts[0].startswith("_"))


def trecho(texto: str, alvo: str) -> str:
    """O alvo com um pouco do texto em volta, para achar o lugar na página."""
    i = texto.index(alvo)
    return repr(texto[max(0, i - 60):i + 60])


class _Silencioso(SimpleHTTPRequestHandler):
    """Servidor de arquivos que não imprime uma linha por pedido."""

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def servidor(livro: subprocess.CompletedProcess) -> Iterator[str]:
    """Serve _build/html em 127.0.0.1, numa porta livre; devolve o endereço base."""
    assert livro.returncode == 0, (livro.stdout + livro.stderr)[-3000:]
    manipulador = functools.partial(_Silencioso, directory=str(HTML))
    http = ThreadingHTTPServer(("127.0.0.1", 0), manipulador)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{http.server_address[1]}"
    http.shutdown()


def inspecionar(servidor: str, lista: list[Path]) -> tuple[list[str], list[str]]:
    """Abre cada página num Chromium que só alcança o servidor; devolve os pedidos a outros
    endereços e os problemas achados."""
    from playwright.sync_api import sync_playwright

    local = urlparse(servidor).netloc
    de_fora: list[str] = []
    problemas: list[str] = []
    with sync_playwright() as p:
        navegador = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
        contexto = navegador.new_context()

        def filtrar(rota) -> None:
            if urlparse(rota.request.url).netloc == local:
                rota.continue_()
            else:
                de_fora.append(rota.request.url)
                rota.abort()

        contexto.route("**/*", filtrar)
        aba = contexto.new_page()
        for pagina in lista:
            nome = pagina.relative_to(HTML).as_posix()
            aba.goto(f"{servidor}/{nome}", wait_until="load")
            r = aba.evaluate(INSPECIONAR)
            if r["formulas"] and r["compostas"] < r["formulas"]:
                problemas.append(f"{nome}: {r['compostas']} de {r['formulas']} fórmulas compostas")
            problemas += [f"{nome}: TeX cru: {trecho(r['texto'], t)}" for t in TEX_CRU
                          if t in r["texto"]]
            problemas += [f"{nome}: MyST cru: {trecho(r['texto'], t)}" for t in MYST_CRU
                          if t in r["texto"]]
            problemas += [f"{nome}: imagem não carregou: {s}" for s in r["imagens_quebradas"]]
            if r["saidas"]:
                problemas.append(f"{nome}: {r['saidas']} saídas com traceback")
        navegador.close()
    return de_fora, problemas


def test_cada_pagina_funciona_sem_rede(servidor: str) -> None:
    """Nenhum pedido a outro endereço, fórmulas compostas, imagens carregadas, nada cru."""
    if CHROMIUM is None:
        pytest.skip("chromium não encontrado (make test o instala com o apt)")
    # index.html só redireciona para a introdução
    lista = [p for p in paginas() if 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")]
    de_fora, problemas = inspecionar(servidor, lista)
    print(f"{len(lista)} páginas abertas; {len(de_fora)} pedidos a outros endereços")
    assert len(lista) >= 30, f"só {len(lista)} páginas no site"
    assert not de_fora, f"pedidos a outros endereços: {sorted(set(de_fora))[:10]}"
    assert not problemas, "\n".join(problemas[:30])
