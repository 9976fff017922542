"""Executa capítulos e soluções de cima a baixo e aciona os widgets sem navegador."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CAPITULOS, SOLUCOES, etiquetas, executar, ids, texto_saida

TEMPO_MAXIMO_NOTEBOOK = 120  # segundos; o alvo é bem menos de um minuto

# Célula acrescentada ao fim do notebook: muda cada controle de cada `interactive` e confere
# que a figura desenhada muda. `plt.show` é trocado por uma captura do PNG da figura.
ACIONAR_WIDGETS = '''
import gc as _gc
import hashlib as _hashlib
import io as _io

import ipywidgets as _widgets
import matplotlib.pyplot as _plt

_capturas = []


def _capturar(*args, **kwargs):
    buffer = _io.BytesIO()
    _plt.gcf().savefig(buffer, format="png")
    _capturas.append(_hashlib.sha1(buffer.getvalue()).hexdigest())
    _plt.close("all")


_plt.show = _capturar
_paineis = [o for o in _gc.get_objects() if isinstance(o, _widgets.interactive)]
_relatorio = []
for _painel in _paineis:
    _painel.update()
    assert _capturas, f"o widget de {_painel.f.__name__} não desenhou nada"
    for _controle in _painel.kwargs_widgets:
        _antes = len(_capturas)
        _anterior = _capturas[-1]
        if isinstance(_controle, _widgets.Checkbox):
            _controle.value = not _controle.value
        elif hasattr(_controle, "options"):
            _controle.index = (_controle.index + 1) % len(_controle.options)
        elif _controle.value != _controle.max:
            _controle.value = _controle.max
        else:
            _controle.value = _controle.min
        assert len(_capturas) > _antes, (
            f"{_painel.f.__name__}: mudar {_controle.description!r} não redesenhou a figura"
        )
        assert _capturas[-1] != _anterior, (
            f"{_painel.f.__name__}: mudar {_controle.description!r} não mudou a figura"
        )
        _relatorio.append(f"{_painel.f.__name__}:{_controle.description}")
print("WIDGETS", len(_paineis), _relatorio)
'''


# Acrescentada aos capítulos que lançam processos (`treinar_em_processos`, capítulo 15): mata
# de fora, com SIGKILL, o trabalhador 1 no meio de um treino e imprime o que o notebook relatou.
MATAR_TRABALHADOR = '''
import multiprocessing as _mp
import os as _os
import signal as _signal
import threading as _threading
import time as _time

_relatado = []


def _rodar():
    try:
        treinar_em_processos(2)
        _relatado.append("terminou sem erro")
    except Exception as _erro:  # o que a pessoa veria
        _relatado.append(f"{type(_erro).__name__}: {_erro}")


_linha = _threading.Thread(target=_rodar)
_linha.start()
_limite = _time.time() + 60
while len(_mp.active_children()) < 2 and _time.time() < _limite:
    _time.sleep(0.02)
_time.sleep(0.5)  # no meio: depois de lançados, antes de terminarem
_filhos = sorted(_mp.active_children(), key=lambda _p: _p._identity)
_os.kill(_filhos[-1].pid, _signal.SIGKILL)  # o último lançado é o trabalhador 1
_linha.join(120)
print("MATAR", _relatado, "vivos:", len(_mp.active_children()))
'''


def _resultado_widgets(nb) -> str:
    return texto_saida(nb.cells[-1])


def _processos_de_trabalho() -> list[str]:
    """Linhas de comando dos processos filhos do multiprocessing (spawn) vivos na máquina."""
    achados = []
    for pasta in Path("/proc").iterdir():
        try:
            comando = (pasta / "cmdline").read_bytes() if pasta.name.isdigit() else b""
        except OSError:
            continue
        if b"spawn_main" in comando:
            achados.append(f"{pasta.name}: {comando.replace(bytes(1), b' ').decode()[:120]}")
    return achados


@pytest.mark.parametrize("caminho", CAPITULOS, ids=ids(CAPITULOS))
def test_capitulo_executa_e_widgets_respondem(caminho: Path) -> None:
    """O capítulo roda sem erro, em tempo razoável, e cada widget redesenha ao mudar."""
    lanca_processos = "def treinar_em_processos" in caminho.read_text(encoding="utf-8")
    extras = [MATAR_TRABALHADOR] if lanca_processos else []
    nb, segundos = executar(caminho, celulas_extras=extras + [ACIONAR_WIDGETS])
    print(f"{caminho.name}: {segundos:.1f} s")
    assert segundos < TEMPO_MAXIMO_NOTEBOOK, f"{caminho.name} levou {segundos:.0f} s"
    saida = _resultado_widgets(nb)
    assert saida.startswith("WIDGETS"), saida
    n_paineis = int(saida.split()[1])
    assert n_paineis >= 1, f"{caminho.name} não tem nenhum widget interactive"
    if lanca_processos:  # um trabalhador morto vira uma frase clara, e nenhum processo sobra
        relato = texto_saida(nb.cells[-2])
        assert "RuntimeError: o trabalhador 1 morreu" in relato and "vivos: 0" in relato, relato
        assert "Traceback" not in relato, relato
        assert not _processos_de_trabalho(), _processos_de_trabalho()


@pytest.mark.parametrize("caminho", SOLUCOES, ids=ids(SOLUCOES))
def test_solucoes_passam_em_todas_as_verificacoes(caminho: Path) -> None:
    """Nas soluções, toda célula de verificação imprime exatamente `✓ correto`."""
    nb, segundos = executar(caminho, celulas_extras=[ACIONAR_WIDGETS])
    print(f"{caminho.name}: {segundos:.1f} s")
    assert segundos < TEMPO_MAXIMO_NOTEBOOK, f"{caminho.name} levou {segundos:.0f} s"
    verificacoes = [c for c in nb.cells if "verificacao" in etiquetas(c)]
    assert len(verificacoes) >= 5, "esperava ao menos 5 exercícios com verificação"
    for celula in verificacoes:
        saida = texto_saida(celula).strip()
        assert saida == "✓ correto", f"verificação falhou na solução:\n{celula.source}\n→ {saida}"
