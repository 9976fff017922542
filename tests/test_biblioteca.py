"""A biblioteca `redes`: gerada dos capítulos, sincronizada e correta no que promete."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import numpy as np
import pytest
from conftest import CAPITULOS, RAIZ, SOLUCOES, checar_gerador, etiquetas

sys.path.insert(0, str(RAIZ))
import redes  # noqa: E402

NOTEBOOKS = CAPITULOS + SOLUCOES


def test_biblioteca_e_celulas_geradas_em_dia() -> None:
    """redes/ e cada célula "Código dos capítulos anteriores" são o que o gerador produz."""
    checar_gerador("gerar_biblioteca.py")


def test_biblioteca_so_depende_do_numpy() -> None:
    """Importar `redes` num processo novo não carrega torch, tensorflow nem keras."""
    codigo = (
        f"import sys; sys.path.insert(0, {str(RAIZ)!r}); import redes; "
        "print(sorted(m for m in ('torch', 'tensorflow', 'keras', 'sklearn') if m in sys.modules))"
    )
    saida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True)
    assert saida.returncode == 0, saida.stderr
    assert saida.stdout.strip() == "[]"


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=[f"{p.parent.name}/{p.stem}" for p in NOTEBOOKS])
def test_celula_de_codigo_anterior_recolhida_no_colab(caminho) -> None:
    """A célula gerada fica escondida no site e recolhida no Colab, perto do topo."""
    celulas = nbformat.read(caminho, as_version=4).cells
    for i, celula in enumerate(celulas):
        if "codigo-anterior" in etiquetas(celula):
            assert celula.source.startswith("#@title Código dos capítulos anteriores")
            assert celula.metadata.get("cellView") == "form"
            assert "hide-input" in etiquetas(celula)
            assert i <= 8, f"a célula de código anterior está longe do topo (célula {i})"


def _rede(gerador: np.random.Generator) -> redes.Sequencial:
    """Uma rede com todas as ativações, pesos e vieses sorteados."""
    rede = redes.criar_mlp([3, 5, 4, 4, 2], ["tanh", "relu", "sigmoide"], gerador, desvio=0.7)
    for parametro in rede.parametros().values():
        parametro[...] = 0.7 * gerador.standard_normal(parametro.shape)
    return rede


@pytest.mark.parametrize(
    "perda", ["mse_com_gradiente", "bce_de_logits_com_gradiente",
              "entropia_cruzada_de_logits_com_gradiente"]
)
def test_gradientes_conferem_com_diferencas_finitas(perda: str) -> None:
    """Cada array de gradientes confere com uma diferença central escrita aqui, à parte."""
    gerador = np.random.default_rng(0)
    rede = _rede(gerador)
    X = gerador.standard_normal((6, 3))
    Y = np.eye(2)[gerador.integers(0, 2, size=6)]
    funcao = getattr(redes, perda)
    _, dA = funcao(rede.forward(X), Y)
    rede.backward(dA)
    gradientes = {nome: g.copy() for nome, g in rede.gradientes().items()}
    h = 1e-6
    for nome, parametro in rede.parametros().items():
        numerico = np.zeros_like(parametro)
        for i in np.ndindex(parametro.shape):
            original = parametro[i]
            parametro[i] = original + h
            mais = funcao(rede.forward(X), Y)[0]
            parametro[i] = original - h
            menos = funcao(rede.forward(X), Y)[0]
            parametro[i] = original
            numerico[i] = (mais - menos) / (2 * h)
        assert np.allclose(gradientes[nome], numerico, rtol=1e-6, atol=1e-9), nome


def test_perdas_batem_com_formulas_independentes() -> None:
    """Valores das perdas contra fórmulas diretas (com vários rótulos binários por exemplo)."""
    gerador = np.random.default_rng(1)
    Z = gerador.standard_normal((5, 3))
    Y = gerador.integers(0, 2, size=(5, 3)).astype(float)
    p = 1 / (1 + np.exp(-Z))
    bce = -np.mean(Y * np.log(p) + (1 - Y) * np.log(1 - p))
    assert np.isclose(redes.bce_de_logits_com_gradiente(Z, Y)[0], bce, rtol=1e-12)
    assert np.allclose(redes.bce_de_logits_com_gradiente(Z, Y)[1], (p - Y) / 15, rtol=1e-12)
    Y1 = np.eye(3)[[0, 2, 1, 1, 0]]
    softmax = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    ce = -np.mean(np.log(softmax[np.arange(5), [0, 2, 1, 1, 0]]))
    assert np.isclose(redes.entropia_cruzada_de_logits_com_gradiente(Z, Y1)[0], ce, rtol=1e-12)


def test_verificar_gradiente_acusa_defeito_so_no_array_certo() -> None:
    """Metade de db1 numa rede sigmoide funda: erro 1/3 em b1, o resto abaixo de 1e-7."""

    class MeioVies(redes.Densa):
        def backward(self, dZ):
            dA = super().backward(dZ)
            self.db *= 0.5
            return dA

    gerador = np.random.default_rng(2)
    camadas = [MeioVies(4, 8, gerador, desvio=0.5), redes.Sigmoide()]
    for _ in range(3):
        camadas += [redes.Densa(8, 8, gerador, desvio=0.5), redes.Sigmoide()]
    rede = redes.Sequencial(camadas + [redes.Densa(8, 1, gerador, desvio=0.5)])
    X, Y = gerador.standard_normal((10, 4)), gerador.standard_normal((10, 1))
    relatorio = redes.verificar_gradiente(rede, redes.mse_com_gradiente, X, Y)
    assert abs(relatorio["b1"]["erro"] - 1 / 3) < 1e-6
    assert all(r["erro"] < 1e-7 for nome, r in relatorio.items() if nome != "b1")
    amostra = redes.verificar_gradiente(rede, redes.mse_com_gradiente, X, Y, max_entradas=5,
                                        gerador=np.random.default_rng(3))
    assert abs(amostra["b1"]["erro"] - 1 / 3) < 1e-6


def test_gradientes_guardados_uma_vez_continuam_valendo() -> None:
    """O dicionário de gradientes guardado antes do treino vê cada backward novo."""
    gerador = np.random.default_rng(4)
    rede = _rede(gerador)
    guardados = rede.gradientes()
    for _ in range(2):
        X = gerador.standard_normal((4, 3))
        _, dA = redes.mse_com_gradiente(rede.forward(X), gerador.standard_normal((4, 2)))
        rede.backward(dA)
        novos = rede.gradientes()
        assert all(guardados[nome] is novos[nome] for nome in novos)
        assert all(np.any(g != 0) for g in guardados.values())


def test_nomes_modos_otimizador_e_inicializacoes() -> None:
    """Nomes W1, b1...; modo de treino e de avaliação; SGD no lugar; variâncias das receitas."""
    gerador = np.random.default_rng(5)
    rede = redes.criar_mlp([2, 3, 1], ["tanh"], gerador)
    assert list(rede.parametros()) == ["W1", "b1", "W2", "b2"]
    rede.modo_avaliacao()
    assert not any(c.treinando for c in rede.camadas)
    rede.modo_treino()
    assert all(c.treinando for c in rede.camadas)
    parametros = rede.parametros()
    antes = {nome: p.copy() for nome, p in parametros.items()}
    gradientes = {nome: np.ones_like(p) for nome, p in parametros.items()}
    redes.SGD(0.25).passo(parametros, gradientes)
    for nome, p in rede.parametros().items():
        assert np.allclose(p, antes[nome] - 0.25)
    n_entradas, n_saidas = 400, 300
    variancias = {
        "normal": 0.1**2,
        "glorot": 2 / (n_entradas + n_saidas),  # U(-r, r) tem variância r²/3
        "he": 2 / n_entradas,
    }
    for nome, variancia in variancias.items():
        W = redes.inicializar_pesos(n_entradas, n_saidas, gerador, nome)
        assert abs(W.var() / variancia - 1) < 0.02, nome
    with pytest.raises(ValueError):
        redes.inicializar_pesos(2, 2, gerador, "zeros_por_engano")


def _passos_com_gradiente_constante(otimizador, g: np.ndarray, n_passos: int) -> np.ndarray:
    """Deslocamentos θ_{t-1} - θ_t de um parâmetro que sempre recebe o gradiente g."""
    theta = np.zeros_like(g)
    passos = []
    for _ in range(n_passos):
        antes = theta.copy()
        otimizador.passo({"theta": theta}, {"theta": g})
        passos.append(antes - theta)
    return np.array(passos)


def test_otimizadores_batem_com_formas_fechadas() -> None:
    """Com gradiente constante, cada otimizador do capítulo 8 segue a sua forma fechada."""
    g = np.array([2.0, -0.5, 1e-3])
    n, eta, mu, eps = 30, 0.1, 0.9, 1e-7
    t = np.arange(1, n + 1)[:, None]
    acumulado = (1 - mu**t) / (1 - mu)  # soma de μ^k, k < t
    esperados = {
        ("momentum", "torch"): (redes.SGDMomentum(eta, mu), eta * g * acumulado),
        ("momentum", "keras"): (redes.SGDMomentum(eta, mu, forma="keras"), eta * g * acumulado),
        ("nesterov", "torch"): (redes.SGDMomentum(eta, mu, True), eta * g * (1 + mu * acumulado)),
        ("nesterov", "keras"): (redes.SGDMomentum(eta, mu, True, "keras"),
                                eta * g * (1 + mu * acumulado)),
        ("adagrad", "torch"): (redes.Adagrad(eta, eps), eta * g / (np.abs(g) * np.sqrt(t) + eps)),
        ("adagrad", "keras"): (redes.Adagrad(eta, eps, 0.1, "keras"),
                               eta * g / np.sqrt(0.1 + t * g**2 + eps)),
        ("rmsprop", "torch"): (redes.RMSProp(eta, 0.9, eps),
                               eta * g / (np.sqrt(1 - 0.9**t) * np.abs(g) + eps)),
        ("rmsprop", "keras"): (redes.RMSProp(eta, 0.9, eps, "keras"),
                               eta * g / np.sqrt((1 - 0.9**t) * g**2 + eps)),
        ("adam", "torch"): (redes.Adam(eta, 0.9, 0.999, eps), eta * g / (np.abs(g) + eps) + 0 * t),
        ("adam", "keras"): (redes.Adam(eta, 0.9, 0.999, eps, "keras"),
                            eta * g * np.sqrt(1 - 0.999**t)
                            / (np.abs(g) * np.sqrt(1 - 0.999**t) + eps)),
    }
    for caso, (otimizador, esperado) in esperados.items():
        obtido = _passos_com_gradiente_constante(otimizador, g, n)
        assert np.allclose(obtido, esperado, rtol=1e-9, atol=0), caso


def test_adadelta_adamw_e_estado_por_nome() -> None:
    """Adadelta pela recorrência escalar; AdamW decai θ antes do Adam; estado por nome."""
    g, eta, rho, eps = 0.3, 1.0, 0.9, 1e-6
    v = u = 0.0
    esperado = []
    for _ in range(20):  # a recorrência de Zeiler, escrita à parte
        v = rho * v + (1 - rho) * g**2
        delta = np.sqrt(u + eps) / np.sqrt(v + eps) * g
        u = rho * u + (1 - rho) * delta**2
        esperado.append(eta * delta)
    obtido = _passos_com_gradiente_constante(redes.Adadelta(eta, rho, eps), np.array([g]), 20)
    assert np.allclose(obtido[:, 0], esperado, rtol=1e-12)

    theta = np.array([3.0])
    redes.AdamW(0.01, decaimento_peso=0.5).passo({"p": theta}, {"p": np.array([0.2])})
    assert np.isclose(theta[0], 3.0 * (1 - 0.01 * 0.5) - 0.01 * 0.2 / (0.2 + 1e-8), rtol=1e-12)

    adam = redes.Adam(0.1)
    a, b = np.zeros(2), np.zeros(3)
    for _ in range(4):
        adam.passo({"a": a, "b": b}, {"a": np.ones(2), "b": -np.ones(3)})
    assert adam.t == 4  # conta passos, não parâmetros
    assert adam.m["a"].shape == (2,) and adam.m["b"].shape == (3,)
    assert np.allclose(a, -0.4, rtol=1e-6) and np.allclose(b, 0.4, rtol=1e-6)


def test_agendamentos_em_epocas_conhecidas() -> None:
    """Os agendamentos do capítulo 9 em épocas cujo valor se calcula de cabeça."""
    assert redes.DecaimentoEmDegraus(1.0, 0.5, 3)(7) == 0.25  # ⌊7/3⌋ = 2 cortes
    assert redes.DecaimentoExponencial(2.0, 0.5)(3) == 0.25
    cosseno = redes.Cosseno(1.0, 10, 0.2)
    assert np.isclose(cosseno(0), 1.0) and np.isclose(cosseno(5), 0.6)
    assert np.isclose(cosseno(10), 0.2) and np.isclose(cosseno(13), 0.2)  # fica no piso
    aquecido = redes.AquecimentoLinear(redes.Constante(1.0), 4, 0.1)
    assert [round(aquecido(e), 12) for e in (0, 2, 4, 9)] == [0.1, 0.55, 1.0, 1.0]


def _taxas_no_patamar(forma: str, perdas: list[float], paciencia: int) -> list[float]:
    """Taxa usada em cada época com ReduzirNoPatamar alimentado por uma sequência de perdas."""
    otimizador = redes.SGD(1.0)
    regra = redes.ReduzirNoPatamar(otimizador, fator=0.5, paciencia=paciencia, limiar=0.0,
                                   forma=forma)
    historico = {"perda_epoca": []}
    for epoca, perda in enumerate(perdas, start=1):
        historico["perda_epoca"].append(perda)
        regra(epoca, None, historico)
    return historico["taxa"]


def test_reduzir_no_patamar_paciencia_de_cada_biblioteca() -> None:
    """Keras reduz quando as épocas ruins chegam à paciência; o PyTorch, quando passam dela."""
    perdas = [1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95]  # melhora até a época 2, depois não
    # Keras, paciência 2: épocas ruins 3 e 4 -> reduz ao fim da 4; ruins 5 e 6 -> reduz ao fim da 6
    assert _taxas_no_patamar("keras", perdas, 2) == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.25]
    # PyTorch, paciência 2: a terceira época ruim (a 5) faz reduzir; a contagem recomeça
    assert _taxas_no_patamar("torch", perdas, 2) == [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5]


def test_dividir_conjuntos_particiona_e_estratifica() -> None:
    """Os conjuntos são disjuntos, cobrem tudo e, com estratos, repetem as proporções."""
    y = np.repeat([0, 1, 2], [60, 30, 10])
    treino, validacao, teste = redes.dividir_conjuntos(100, (0.7, 0.2, 0.1),
                                                       np.random.default_rng(0), estratos=y)
    juntos = np.concatenate([treino, validacao, teste])
    assert sorted(juntos.tolist()) == list(range(100))
    assert [np.sum(y[validacao] == k) for k in range(3)] == [12, 6, 2]  # 20% de 60, 30, 10
    assert [np.sum(y[teste] == k) for k in range(3)] == [6, 3, 1]
    with pytest.raises(ValueError):
        redes.dividir_conjuntos(10, (0.5, 0.6), np.random.default_rng(0))


def test_padronizador_e_minmax_com_valores_de_cabeca() -> None:
    """Média e desvio (ddof 0) de uma matriz pequena, coluna constante e o caminho de volta."""
    X = np.array([[1.0, 10.0, 5.0], [3.0, 10.0, 7.0], [5.0, 10.0, 9.0]])
    padronizador = redes.Padronizador().ajustar(X)
    assert np.allclose(padronizador.media, [3.0, 10.0, 7.0])
    assert np.allclose(padronizador.desvio, [np.sqrt(8 / 3), 1.0, np.sqrt(8 / 3)])
    Z = padronizador.transformar(X)
    assert np.allclose(Z[:, 1], 0.0) and np.allclose(padronizador.inverter(Z), X)
    minmax = redes.NormalizadorMinMax().ajustar(X)
    assert np.allclose(minmax.transformar(X), [[0, 0, 0], [0.5, 0, 0.5], [1, 0, 1]])
    assert np.allclose(minmax.transformar(np.array([[7.0, 10.0, 3.0]])), [[1.5, 0.0, -0.5]])


def test_normalizacao_em_lote_com_valores_de_cabeca() -> None:
    """Lote [[1], [3]]: média 2, variância viesada 1, estimativas móveis de cada biblioteca."""
    Z = np.array([[1.0, 0.0], [3.0, 4.0]])  # colunas: média (2, 2), variância viesada (1, 4)
    for forma, variancia_guardada in (("torch", np.array([2.0, 8.0])), ("keras", [1.0, 4.0])):
        camada = redes.NormalizacaoEmLote(2, momentum=0.75, epsilon=0.0, forma=forma)
        camada.gamma[...], camada.beta[...] = [2.0, 1.0], [0.5, -1.0]
        saida = camada.forward(Z)
        assert np.allclose(saida, [[-1.5, -2.0], [2.5, 0.0]])  # γ·(∓1) + β
        assert np.allclose(camada.media_movel, 0.25 * np.array([2.0, 2.0]))
        assert np.allclose(camada.variancia_movel, 0.75 + 0.25 * np.asarray(variancia_guardada))
        camada.treinando = False  # avaliação: (z - média móvel) / √(variância móvel)
        esperado = 2.0 * (np.array([[3.0, 0.0]]) - 0.5) / np.sqrt(camada.variancia_movel) + 0.5
        assert np.allclose(camada.forward(np.array([[3.0, 0.0]]))[:, 0], esperado[:, 0])
    with pytest.raises(ValueError):
        redes.NormalizacaoEmLote(2).forward(np.ones((1, 2)))


def test_normalizacao_em_lote_passagem_de_volta() -> None:
    """Gradientes da camada numa rede conferidos por diferenças finitas; Σ dZ = 0 por coluna."""
    gerador = np.random.default_rng(3)
    rede = redes.criar_mlp_normalizada([4, 5, 3], ["tanh"], gerador, "glorot")
    X, Y = gerador.normal(size=(6, 4)), np.eye(3)[gerador.integers(0, 3, 6)]
    relatorio = redes.verificar_gradiente(rede, redes.entropia_cruzada_de_logits_com_gradiente,
                                          X, Y)
    for nome in ("W1", "gamma1", "beta1", "W2", "b2"):
        assert relatorio[nome]["erro"] < 1e-6, (nome, relatorio[nome])
    camada = redes.NormalizacaoEmLote(3)
    camada.forward(gerador.normal(size=(8, 3)))
    assert np.allclose(camada.backward(gerador.normal(size=(8, 3))).sum(axis=0), 0.0)


def test_recorte_por_norma_parametro_e_valor() -> None:
    """g = ([3, 0], [0, 4]): norma global 5; cada regra de recorte com o resultado de cabeça."""
    def passo(**opcoes) -> dict[str, np.ndarray]:
        gradientes = {"W1": np.array([3.0, 0.0]), "W2": np.array([0.0, 4.0])}
        parametros = {nome: np.zeros(2) for nome in gradientes}
        otimizador = redes.ComRecorte(redes.SGD(1.0), **opcoes)
        otimizador.passo(parametros, gradientes)
        assert otimizador.normas_antes == [5.0]
        return {nome: -p for nome, p in parametros.items()}  # com η = 1, o passo é -g

    global_ = passo(norma_maxima=1.0, epsilon=0.0)
    assert np.allclose(global_["W1"], [0.6, 0.0]) and np.allclose(global_["W2"], [0.0, 0.8])
    torch_ = passo(norma_maxima=1.0)  # fator 1 / (5 + 1e-6)
    assert np.isclose(torch_["W1"][0], 3.0 / (5.0 + 1e-6), rtol=1e-12, atol=0)
    por_parametro = passo(norma_maxima=2.0, por_parametro=True)
    assert np.allclose(por_parametro["W1"], [2.0, 0.0]) and np.allclose(por_parametro["W2"], [0, 2])
    assert np.allclose(passo(valor_maximo=3.5)["W2"], [0.0, 3.5])
    assert np.allclose(passo(norma_maxima=10.0)["W2"], [0.0, 4.0])  # abaixo do limite: nada
    otimizador = redes.ComRecorte(redes.SGD(0.1), norma_maxima=1.0)
    otimizador.taxa_aprendizado = 0.5
    assert otimizador.otimizador.taxa_aprendizado == 0.5


def test_registro_dos_gradientes_com_sgd() -> None:
    """Com SGD, ΔW = -η dW: a razão registrada é η ‖dW‖ / ‖W novo‖."""
    gerador = np.random.default_rng(0)
    rede = redes.criar_mlp([3, 4, 2], ["tanh"], gerador, "glorot")
    X, Y = gerador.normal(size=(5, 3)), np.eye(2)[gerador.integers(0, 2, 5)]
    registro = redes.RegistroDosGradientes(rede)
    redes.treinar(rede, redes.entropia_cruzada_de_logits_com_gradiente, redes.SGD(0.5), X, Y,
                  n_epocas=1, tamanho_lote=5, ao_fim_do_passo=registro)
    for nome in ("W1", "W2"):
        norma = np.linalg.norm(rede.gradientes()[nome])
        assert registro.normas_gradiente[nome] == [pytest.approx(norma)]
        razao = 0.5 * norma / np.linalg.norm(rede.parametros()[nome])
        assert registro.razoes_atualizacao[nome] == [pytest.approx(razao)]


def test_penalidades_e_passo_proximal_com_valores_de_cabeca() -> None:
    """W1 = [[1, -2], [0, 3]], λ = 0,1: valores, gradientes e limiar calculados à mão; b fica."""
    def novos() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        parametros = {"W1": np.array([[1.0, -2.0], [0.0, 3.0]]), "b1": np.array([5.0, 5.0])}
        return parametros, {nome: np.zeros_like(p) for nome, p in parametros.items()}

    parametros, gradientes = novos()
    assert redes.penalidade_l2(parametros, gradientes, 0.1) == pytest.approx(0.7)  # 0,05 · 14
    assert np.allclose(gradientes["W1"], [[0.1, -0.2], [0.0, 0.3]])
    assert np.all(gradientes["b1"] == 0)
    parametros, gradientes = novos()
    assert redes.penalidade_l1(parametros, gradientes, 0.1) == pytest.approx(0.6)  # 0,1 · 6
    assert np.allclose(gradientes["W1"], [[0.1, -0.1], [0.0, 0.1]])
    assert np.all(gradientes["b1"] == 0)
    redes.passo_proximal_l1(parametros, 1.5)
    assert np.array_equal(parametros["W1"], [[0.0, -0.5], [0.0, 1.5]])
    assert np.array_equal(parametros["b1"], [5.0, 5.0])


def test_com_penalidade_decaimento_proximal_e_taxa() -> None:
    """SGD η = 0,5: L2 λ = 0,1 multiplica W por 1 - ηλ; L1 proximal tira ηλ; a taxa é repassada."""
    parametros, gradientes = {"W1": np.array([2.0])}, {"W1": np.array([0.0])}
    redes.ComPenalidade(redes.SGD(0.5), l2=0.1).passo(parametros, gradientes)
    assert parametros["W1"][0] == pytest.approx(2.0 * (1 - 0.05))
    otimizador = redes.ComPenalidade(redes.SGD(0.5), l1=0.2, proximal=True)
    otimizador.taxa_aprendizado = 0.25  # como um agendamento faria: limiar 0,25 · 0,2 = 0,05
    assert otimizador.otimizador.taxa_aprendizado == 0.25
    parametros, gradientes = {"W1": np.array([1.0, 0.03, -1.0])}, {"W1": np.zeros(3)}
    otimizador.passo(parametros, gradientes)
    assert np.allclose(parametros["W1"], [0.95, 0.0, -0.95]) and parametros["W1"][1] == 0.0


def test_dropout_mascara_dada_escala_e_avaliacao() -> None:
    """Máscara dada: saída M ⊙ A / (1 - p) e a mesma na volta; avaliação é a identidade."""
    camada = redes.Dropout(0.25, np.random.default_rng(0))
    camada.mascara = np.array([[True, False, True, True], [False, True, True, False]])
    camada.mascara_fixa, camada.treinando = True, True
    A = np.arange(1.0, 9.0).reshape(2, 4)
    esperado = np.array([[1, 0, 3, 4], [0, 6, 7, 0]]) / 0.75
    assert np.allclose(camada.forward(A), esperado)
    assert np.allclose(camada.backward(np.ones((2, 4))), camada.mascara / 0.75)
    camada.treinando = False
    assert np.array_equal(camada.forward(A), A)
    sorteada = redes.Dropout(0.25, np.random.default_rng(1))
    sorteada.treinando = True
    saida = sorteada.forward(np.ones((200, 500)))
    assert abs(np.mean(saida == 0) - 0.25) < 0.01  # 10⁵ sorteios: desvio de 0,0014
    with pytest.raises(ValueError):
        redes.Dropout(1.0, np.random.default_rng(0))


def test_dropconnect_com_mascara_dada_e_diferencas_finitas() -> None:
    """Z = A (M ⊙ W) / (1 - p) + b; dW da volta confere com diferenças centrais."""
    gerador = np.random.default_rng(0)
    camada = redes.DensaDropConnect(3, 2, gerador, 0.5)
    camada.mascara = gerador.random((3, 2)) >= 0.5
    camada.mascara_fixa, camada.treinando = True, True
    A, R = gerador.normal(size=(4, 3)), gerador.normal(size=(4, 2))  # perda = Σ Z ⊙ R
    Z = camada.forward(A)
    assert np.allclose(Z, A @ (camada.W * camada.mascara * 2.0) + camada.b)
    camada.backward(R)
    numerico = np.zeros_like(camada.W)
    for i in range(3):
        for j in range(2):
            original = camada.W[i, j]
            camada.W[i, j] = original + 1e-6
            mais = np.sum(camada.forward(A) * R)
            camada.W[i, j] = original - 1e-6
            menos = np.sum(camada.forward(A) * R)
            camada.W[i, j] = original
            numerico[i, j] = (mais - menos) / 2e-6
    assert np.allclose(camada.dW, numerico, atol=1e-8)
    assert np.all(camada.dW[~camada.mascara] == 0)
    camada.treinando = False
    assert np.allclose(camada.forward(A), A @ camada.W + camada.b)


def test_parada_antecipada_regra_do_keras_e_restauracao() -> None:
    """Perdas 1; 0,8; 0,8; 0,79 com paciência 2 e δ = 0,02: para na época 4, melhor a 2."""
    def rodar(perdas: list[float], **opcoes) -> tuple[redes.ParadaAntecipada, redes.Sequencial]:
        rede = redes.Sequencial([redes.Densa(1, 1, np.random.default_rng(0))])
        parada, historico = redes.ParadaAntecipada(**opcoes), {"perda_validacao": []}
        for epoca, perda in enumerate(perdas, start=1):
            rede.parametros()["W1"][...] = epoca  # o peso marca a época
            historico["perda_validacao"].append(perda)
            if parada(epoca, rede, historico):
                break
        parada.ao_fim_do_treino(rede)
        return parada, rede

    parada, rede = rodar([1.0, 0.8, 0.8, 0.79, 0.5], paciencia=2, delta_minimo=0.02)
    assert (parada.epoca_parada, parada.melhor_epoca) == (4, 2)
    assert rede.parametros()["W1"][0, 0] == 2.0
    parada, rede = rodar([1.0, 0.9, 0.95, 0.85], paciencia=2)  # nunca para: restaura mesmo assim
    assert parada.epoca_parada is None and rede.parametros()["W1"][0, 0] == 4.0
    parada, rede = rodar([1.0, 0.9, 0.95, 0.97], paciencia=5)
    assert parada.epoca_parada is None and rede.parametros()["W1"][0, 0] == 2.0
