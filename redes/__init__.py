"""Biblioteca do curso: as peças reutilizáveis, copiadas dos capítulos que as ensinam.

Gerado por `make exercises` (scripts/gerar_biblioteca.py) a partir das células com a
etiqueta `biblioteca`. Não edite à mão: edite o capítulo e gere de novo.
"""

import numpy as np


# ── capítulo 06 · Retropropagação em forma matricial ──
class Camada:
    """Base das camadas: `forward` guarda o necessário e `backward` devolve o gradiente."""

    treinando = True  # True em treino, False em avaliação (dropout e normalização usam)

    def parametros(self) -> dict[str, np.ndarray]:
        """Parâmetros por nome ("W", "b"); camadas sem parâmetros devolvem {}."""
        return {}

    def gradientes(self) -> dict[str, np.ndarray]:
        """Gradientes com os mesmos nomes e formas de `parametros()`."""
        return {}


def inicializar_pesos(n_entradas: int, n_saidas: int, gerador: np.random.Generator,
                      inicializacao: str = "normal", desvio: float = 0.1) -> np.ndarray:
    """Pesos (n_entradas, n_saidas): normal com `desvio`, Glorot uniforme ou He normal."""
    forma = (n_entradas, n_saidas)
    if inicializacao == "normal":  # N(0, desvio²)
        return desvio * gerador.standard_normal(forma)
    if inicializacao == "glorot":  # U(-r, r) com r = sqrt(6 / (n_entradas + n_saidas))
        limite = np.sqrt(6 / (n_entradas + n_saidas))
        return gerador.uniform(-limite, limite, forma)
    if inicializacao == "he":  # N(0, 2 / n_entradas)
        return np.sqrt(2 / n_entradas) * gerador.standard_normal(forma)
    raise ValueError(f"inicialização desconhecida: {inicializacao!r}")


class Densa(Camada):
    """Z = A_ant @ W + b, com W de forma (n_entradas, n_saidas) e b de forma (n_saidas,)."""

    def __init__(self, n_entradas: int, n_saidas: int, gerador: np.random.Generator,
                 inicializacao: str = "normal", desvio: float = 0.1):
        self.W = inicializar_pesos(n_entradas, n_saidas, gerador, inicializacao, desvio)
        self.b = np.zeros(n_saidas)
        self.dW, self.db = np.zeros_like(self.W), np.zeros_like(self.b)

    def forward(self, A_ant: np.ndarray) -> np.ndarray:
        """(m, n_entradas) -> (m, n_saidas); guarda A_ant para a volta."""
        self.A_ant = A_ant
        return A_ant @ self.W + self.b

    def backward(self, dZ: np.ndarray) -> np.ndarray:
        """dZ (m, n_saidas) -> dA_ant (m, n_entradas); escreve dW e db nos próprios arrays."""
        self.dW[...] = self.A_ant.T @ dZ  # dW = A_ant^T dZ
        self.db[...] = dZ.sum(axis=0)  # db = soma das linhas de dZ
        return dZ @ self.W.T  # dA_ant = dZ W^T

    def parametros(self) -> dict[str, np.ndarray]:
        return {"W": self.W, "b": self.b}

    def gradientes(self) -> dict[str, np.ndarray]:
        return {"W": self.dW, "b": self.db}


def sigmoide(Z: np.ndarray) -> np.ndarray:
    """Sigmoide estável do capítulo 3: só calcula exp(-|Z|), que nunca estoura."""
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1 / (1 + e), e / (1 + e))


class Sigmoide(Camada):
    """A = 1 / (1 + exp(-Z)), com derivada A (1 - A)."""

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self.A = sigmoide(Z)
        return self.A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """dZ = dA ⊙ g'(Z), com g'(Z) = A (1 - A)."""
        return dA * self.A * (1 - self.A)


class Tanh(Camada):
    """A = tanh(Z), com derivada 1 - A²."""

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self.A = np.tanh(Z)
        return self.A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """dZ = dA ⊙ g'(Z), com g'(Z) = 1 - A²."""
        return dA * (1 - self.A**2)


class ReLU(Camada):
    """A = max(Z, 0), com derivada 1 onde Z > 0 e 0 no resto."""

    def forward(self, Z: np.ndarray) -> np.ndarray:
        self.Z = Z
        return np.maximum(Z, 0)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """dZ = dA ⊙ g'(Z), com g'(Z) = 1 onde Z > 0 e 0 no resto."""
        return dA * (self.Z > 0)


class Identidade(Camada):
    """A = Z, com derivada 1."""

    def forward(self, Z: np.ndarray) -> np.ndarray:
        return Z

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """dZ = dA, porque g'(Z) = 1."""
        return dA


class Sequencial:
    """Uma rede feita de camadas encadeadas."""

    def __init__(self, camadas: list[Camada]):
        self.camadas = camadas

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Saída da rede para o lote X (m, n_entradas), começando de A^[0] = X."""
        A = X
        for camada in self.camadas:
            A = camada.forward(A)
        return A

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """Propaga dL/d(saída) até a entrada; cada camada guarda seus gradientes."""
        for camada in reversed(self.camadas):
            dA = camada.backward(dA)  # ativação: dA -> dZ; densa: dZ -> dA_ant
        return dA

    def _por_nome(self, metodo: str) -> dict[str, np.ndarray]:
        """Junta os dicionários das camadas com o número da camada: W1, b1, W2, b2, ..."""
        resultado, numero = {}, 0
        for camada in self.camadas:
            arrays = getattr(camada, metodo)()
            if "W" in arrays:  # uma camada com pesos começa uma nova camada l
                numero += 1
            for nome, array in arrays.items():
                if f"{nome}{numero}" in resultado:
                    raise ValueError(f"dois parâmetros com o nome {nome}{numero}")
                resultado[f"{nome}{numero}"] = array
        return resultado

    def parametros(self) -> dict[str, np.ndarray]:
        """Todos os parâmetros por nome, na ordem W1, b1, W2, b2, ..."""
        return self._por_nome("parametros")

    def gradientes(self) -> dict[str, np.ndarray]:
        """Os gradientes, com os mesmos nomes de `parametros()`."""
        return self._por_nome("gradientes")

    def modo_treino(self) -> None:
        """Põe todas as camadas em modo de treino."""
        for camada in self.camadas:
            camada.treinando = True

    def modo_avaliacao(self) -> None:
        """Põe todas as camadas em modo de avaliação."""
        for camada in self.camadas:
            camada.treinando = False


class Otimizador:
    """Base dos otimizadores: `passo` chama `atualizar` para cada parâmetro, pelo nome."""

    def __init__(self, taxa_aprendizado: float):
        self.taxa_aprendizado = taxa_aprendizado

    def passo(self, parametros: dict[str, np.ndarray],
              gradientes: dict[str, np.ndarray]) -> None:
        """Um passo em todos os parâmetros, alterando os arrays no próprio lugar."""
        for nome, parametro in parametros.items():
            self.atualizar(nome, parametro, gradientes[nome])

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        """Atualiza um parâmetro; cada otimizador escreve a sua regra."""
        raise NotImplementedError


class SGD(Otimizador):
    """Gradiente descendente: θ ← θ - η ∇θ L."""

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        parametro -= self.taxa_aprendizado * gradiente


def mse_com_gradiente(y_hat: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
    """MSE sobre todas as entradas e dL/dy_hat = 2 (y_hat - Y) / (m n_saidas)."""
    return np.mean((y_hat - Y) ** 2), 2 * (y_hat - Y) / y_hat.size


def bce_de_logits_com_gradiente(Z: np.ndarray, Y: np.ndarray) -> tuple[float, np.ndarray]:
    """Entropia cruzada binária média dos logits Z (m, n_saidas) e dL/dZ = (σ(Z) - Y) / Z.size."""
    perda = np.mean(np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z))))
    return perda, (sigmoide(Z) - Y) / Z.size


def entropia_cruzada_de_logits_com_gradiente(Z: np.ndarray,
                                             Y: np.ndarray) -> tuple[float, np.ndarray]:
    """Entropia cruzada com softmax dos logits Z (m, K), Y one-hot; dL/dZ = (softmax - Y) / m."""
    Z_estavel = Z - Z.max(axis=1, keepdims=True)
    log_p = Z_estavel - np.log(np.exp(Z_estavel).sum(axis=1, keepdims=True))
    return -np.sum(Y * log_p) / Z.shape[0], (np.exp(log_p) - Y) / Z.shape[0]


ATIVACOES = {"sigmoide": Sigmoide, "tanh": Tanh, "relu": ReLU, "identidade": Identidade}


def criar_mlp(larguras: list[int], ativacoes: list[str], gerador: np.random.Generator,
              inicializacao: str = "normal", desvio: float = 0.1) -> Sequencial:
    """MLP com camadas densas de `larguras`; `ativacoes[k]` vem depois da k-ésima densa oculta."""
    camadas = []
    for k in range(len(larguras) - 1):
        camadas.append(Densa(larguras[k], larguras[k + 1], gerador, inicializacao, desvio))
        if k < len(larguras) - 2:  # a última densa fica sem ativação
            camadas.append(ATIVACOES[ativacoes[k]]())
    return Sequencial(camadas)


def derivada_numerica(rede: Sequencial, funcao_perda, X: np.ndarray, Y: np.ndarray,
                      parametro: np.ndarray, indice: tuple, h: float = 1e-6) -> float:
    """Diferença central da perda em relação a uma entrada de um parâmetro da rede."""
    original = parametro[indice]
    parametro[indice] = original + h
    perda_mais = funcao_perda(rede.forward(X), Y)[0]
    parametro[indice] = original - h
    perda_menos = funcao_perda(rede.forward(X), Y)[0]
    parametro[indice] = original  # devolve o valor original
    return (perda_mais - perda_menos) / (2 * h)


def erro_relativo(g: np.ndarray, g_num: np.ndarray) -> float:
    """||g - g_num|| / (||g|| + ||g_num||), ou 0 se os dois forem nulos."""
    soma_normas = np.linalg.norm(g) + np.linalg.norm(g_num)
    return 0.0 if soma_normas == 0 else float(np.linalg.norm(g - g_num) / soma_normas)


def verificar_gradiente(rede: Sequencial, funcao_perda, X: np.ndarray, Y: np.ndarray,
                        h: float = 1e-6, max_entradas: int | None = None,
                        gerador: np.random.Generator | None = None) -> dict[str, dict]:
    """Erro relativo de cada array de parâmetros e a entrada com a maior diferença."""
    _, dA = funcao_perda(rede.forward(X), Y)
    rede.backward(dA)
    gradientes = {nome: g.copy() for nome, g in rede.gradientes().items()}
    relatorio = {}
    for nome, parametro in rede.parametros().items():
        indices = list(np.ndindex(parametro.shape))
        if max_entradas is not None and len(indices) > max_entradas:
            gerador = gerador if gerador is not None else np.random.default_rng(0)
            sorteados = gerador.choice(len(indices), size=max_entradas, replace=False)
            indices = [indices[k] for k in sorted(sorteados)]
        g = np.array([gradientes[nome][i] for i in indices])
        g_num = np.array([derivada_numerica(rede, funcao_perda, X, Y, parametro, i, h)
                          for i in indices])
        pior = int(np.argmax(np.abs(g - g_num)))
        relatorio[nome] = {"erro": erro_relativo(g, g_num), "indice": indices[pior],
                           "g": g[pior], "g_num": g_num[pior]}
    return relatorio


# ── capítulo 07 · Gradiente descendente: em lote, estocástico e em minilotes ──
def indices_dos_lotes(n_treino: int, tamanho_lote: int,
                      gerador: np.random.Generator | None = None) -> list[np.ndarray]:
    """Índices dos minilotes de uma época: embaralhados por `gerador` (se houver), em fatias."""
    ordem = np.arange(n_treino) if gerador is None else gerador.permutation(n_treino)
    return [ordem[inicio:inicio + tamanho_lote] for inicio in range(0, n_treino, tamanho_lote)]


def treinar(rede: Sequencial, funcao_perda, otimizador: Otimizador, X: np.ndarray,
            Y: np.ndarray, n_epocas: int, tamanho_lote: int,
            gerador: np.random.Generator | None = None, ao_fim_do_passo=None,
            ao_fim_da_epoca=None) -> dict[str, list[float]]:
    """Gradiente descendente em minilotes; devolve a perda de cada passo e de cada época.

    `ao_fim_do_passo(passo, rede, historico)` e `ao_fim_da_epoca(epoca, rede, historico)`
    são opcionais (contados a partir de 1); se `ao_fim_da_epoca` devolver True, o treino para.
    """
    parametros, gradientes = rede.parametros(), rede.gradientes()  # os mesmos arrays sempre
    historico = {"perda_passo": [], "perda_epoca": []}
    n_treino = X.shape[0]
    for epoca in range(1, n_epocas + 1):
        rede.modo_treino()
        soma = 0.0
        for indices in indices_dos_lotes(n_treino, tamanho_lote, gerador):
            perda, dA = funcao_perda(rede.forward(X[indices]), Y[indices])
            rede.backward(dA)
            otimizador.passo(parametros, gradientes)
            historico["perda_passo"].append(perda)
            soma += perda * len(indices)  # média da época ponderada pelo tamanho do lote
            if ao_fim_do_passo is not None:
                ao_fim_do_passo(len(historico["perda_passo"]), rede, historico)
        historico["perda_epoca"].append(soma / n_treino)
        if ao_fim_da_epoca is not None and ao_fim_da_epoca(epoca, rede, historico):
            break
    return historico


# ── capítulo 08 · Otimizadores: momentum, Adagrad, RMSProp, Adadelta, Adam e AdamW ──
class SGDMomentum(Otimizador):
    """SGD com momentum μ (Polyak), com ou sem Nesterov, na forma de cada biblioteca.

    forma "torch": b ← μ b + g;  θ ← θ - η b       (Nesterov: θ ← θ - η (g + μ b))
    forma "keras": v ← μ v - η g;  θ ← θ + v       (Nesterov: θ ← θ + μ v - η g)
    """

    def __init__(self, taxa_aprendizado: float, momentum: float = 0.9,
                 nesterov: bool = False, forma: str = "torch"):
        super().__init__(taxa_aprendizado)
        self.momentum, self.nesterov, self.forma = momentum, nesterov, forma
        self.velocidade = {}  # b (torch) ou v (keras), um array por parâmetro

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        mu, eta = self.momentum, self.taxa_aprendizado
        v = self.velocidade.setdefault(nome, np.zeros_like(parametro))
        if self.forma == "torch":
            v[...] = mu * v + gradiente
            parametro -= eta * (gradiente + mu * v if self.nesterov else v)
        else:
            v[...] = mu * v - eta * gradiente
            parametro += mu * v - eta * gradiente if self.nesterov else v


class Adagrad(Otimizador):
    """Adagrad (Duchi, Hazan e Singer): s ← s + g², passo η g / √s por coordenada.

    forma "torch": θ ← θ - η g / (√s + ε);   forma "keras": θ ← θ - η g / √(s + ε)
    """

    def __init__(self, taxa_aprendizado: float, epsilon: float = 1e-10,
                 acumulador_inicial: float = 0.0, forma: str = "torch"):
        super().__init__(taxa_aprendizado)
        self.epsilon, self.acumulador_inicial, self.forma = epsilon, acumulador_inicial, forma
        self.acumulador = {}  # s: soma dos quadrados dos gradientes

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        s = self.acumulador.setdefault(nome, np.full_like(parametro, self.acumulador_inicial))
        s += gradiente ** 2
        if self.forma == "torch":
            parametro -= self.taxa_aprendizado * gradiente / (np.sqrt(s) + self.epsilon)
        else:
            parametro -= self.taxa_aprendizado * gradiente / np.sqrt(s + self.epsilon)


class RMSProp(Otimizador):
    """RMSProp (Tieleman e Hinton): v ← ρ v + (1 - ρ) g², passo η g / √v.

    forma "torch": θ ← θ - η g / (√v + ε);   forma "keras": θ ← θ - η g / √(v + ε)
    """

    def __init__(self, taxa_aprendizado: float, rho: float = 0.9, epsilon: float = 1e-8,
                 forma: str = "torch"):
        super().__init__(taxa_aprendizado)
        self.rho, self.epsilon, self.forma = rho, epsilon, forma
        self.media_quadrados = {}  # v: média móvel de g²

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        v = self.media_quadrados.setdefault(nome, np.zeros_like(parametro))
        v[...] = self.rho * v + (1 - self.rho) * gradiente ** 2
        if self.forma == "torch":
            parametro -= self.taxa_aprendizado * gradiente / (np.sqrt(v) + self.epsilon)
        else:
            parametro -= self.taxa_aprendizado * gradiente / np.sqrt(v + self.epsilon)


class Adadelta(Otimizador):
    """Adadelta (Zeiler): Δ = √(u + ε) / √(v + ε) · g, com v e u médias móveis de g² e Δ²."""

    def __init__(self, taxa_aprendizado: float = 1.0, rho: float = 0.9,
                 epsilon: float = 1e-6):
        super().__init__(taxa_aprendizado)
        self.rho, self.epsilon = rho, epsilon
        self.media_quadrados, self.media_deltas = {}, {}  # v (de g²) e u (de Δ²)

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        v = self.media_quadrados.setdefault(nome, np.zeros_like(parametro))
        u = self.media_deltas.setdefault(nome, np.zeros_like(parametro))
        v[...] = self.rho * v + (1 - self.rho) * gradiente ** 2
        delta = np.sqrt(u + self.epsilon) / np.sqrt(v + self.epsilon) * gradiente
        u[...] = self.rho * u + (1 - self.rho) * delta ** 2
        parametro -= self.taxa_aprendizado * delta


class Adam(Otimizador):
    """Adam (Kingma e Ba): médias móveis m de g e v de g², com correção do viés.

    forma "torch": θ ← θ - η m̂ / (√v̂ + ε), com m̂ = m / (1 - β₁ᵗ) e v̂ = v / (1 - β₂ᵗ)
    forma "keras": θ ← θ - α_t m / (√v + ε̂), com α_t = η √(1 - β₂ᵗ) / (1 - β₁ᵗ)
    """

    def __init__(self, taxa_aprendizado: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, epsilon: float = 1e-8, forma: str = "torch"):
        super().__init__(taxa_aprendizado)
        self.beta1, self.beta2, self.epsilon, self.forma = beta1, beta2, epsilon, forma
        self.t = 0  # passos dados
        self.m, self.v = {}, {}

    def passo(self, parametros: dict[str, np.ndarray],
              gradientes: dict[str, np.ndarray]) -> None:
        """Conta o passo (t começa em 1) e atualiza todos os parâmetros."""
        self.t += 1
        super().passo(parametros, gradientes)

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        b1, b2, t = self.beta1, self.beta2, self.t
        m = self.m.setdefault(nome, np.zeros_like(parametro))
        v = self.v.setdefault(nome, np.zeros_like(parametro))
        m[...] = b1 * m + (1 - b1) * gradiente
        v[...] = b2 * v + (1 - b2) * gradiente ** 2
        if self.forma == "torch":
            m_hat, v_hat = m / (1 - b1 ** t), v / (1 - b2 ** t)
            parametro -= self.taxa_aprendizado * m_hat / (np.sqrt(v_hat) + self.epsilon)
        else:
            alfa_t = self.taxa_aprendizado * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
            parametro -= alfa_t * m / (np.sqrt(v) + self.epsilon)


class AdamW(Adam):
    """AdamW (Loshchilov e Hutter): θ ← θ - η λ θ (decaimento desacoplado), depois o Adam."""

    def __init__(self, taxa_aprendizado: float = 0.001, beta1: float = 0.9,
                 beta2: float = 0.999, epsilon: float = 1e-8, decaimento_peso: float = 0.01,
                 forma: str = "torch"):
        super().__init__(taxa_aprendizado, beta1, beta2, epsilon, forma)
        self.decaimento_peso = decaimento_peso

    def atualizar(self, nome: str, parametro: np.ndarray, gradiente: np.ndarray) -> None:
        parametro -= self.taxa_aprendizado * self.decaimento_peso * parametro
        super().atualizar(nome, parametro, gradiente)


# ── capítulo 09 · A taxa de aprendizado ao longo do treino ──
class Constante:
    """η_e = η_0 em todas as épocas."""

    def __init__(self, taxa_inicial: float):
        self.taxa_inicial = taxa_inicial

    def __call__(self, epoca: int) -> float:
        return self.taxa_inicial


class DecaimentoEmDegraus:
    """η_e = η_0 γ^⌊e / k⌋: multiplica por `fator` a cada `a_cada` épocas (e a partir de 0)."""

    def __init__(self, taxa_inicial: float, fator: float, a_cada: int):
        self.taxa_inicial, self.fator, self.a_cada = taxa_inicial, fator, a_cada

    def __call__(self, epoca: int) -> float:
        return self.taxa_inicial * self.fator ** (epoca // self.a_cada)


class DecaimentoExponencial:
    """η_e = η_0 γ^e: multiplica por `fator` a cada época."""

    def __init__(self, taxa_inicial: float, fator: float):
        self.taxa_inicial, self.fator = taxa_inicial, fator

    def __call__(self, epoca: int) -> float:
        return self.taxa_inicial * self.fator ** epoca


class Cosseno:
    """η_e = η_min + (η_0 - η_min)(1 + cos(π e / T)) / 2, com T = `n_epocas`; η_min depois de T."""

    def __init__(self, taxa_inicial: float, n_epocas: int, taxa_minima: float = 0.0):
        self.taxa_inicial, self.n_epocas, self.taxa_minima = taxa_inicial, n_epocas, taxa_minima

    def __call__(self, epoca: int) -> float:
        fracao = min(epoca, self.n_epocas) / self.n_epocas
        amplitude = self.taxa_inicial - self.taxa_minima
        return self.taxa_minima + amplitude * (1 + np.cos(np.pi * fracao)) / 2


class AquecimentoLinear:
    """Sobe de α a(0) até a(0) em E_a épocas; da época E_a em diante, η_e = a(e - E_a).

    `agendamento` é o a que vem depois do aquecimento (para um cosseno que termine na época T,
    use T - E_a épocas nele); `fator_inicial` é α.
    """

    def __init__(self, agendamento, n_epocas_aquecimento: int, fator_inicial: float = 0.1):
        self.agendamento = agendamento
        self.n_epocas_aquecimento, self.fator_inicial = n_epocas_aquecimento, fator_inicial

    def __call__(self, epoca: int) -> float:
        if epoca >= self.n_epocas_aquecimento:
            return self.agendamento(epoca - self.n_epocas_aquecimento)
        fracao = epoca / self.n_epocas_aquecimento
        return self.agendamento(0) * (self.fator_inicial + (1 - self.fator_inicial) * fracao)


def anotar_taxa(historico: dict, epoca: int, taxa: float) -> None:
    """Acrescenta a `historico["taxa"]` a taxa da época `epoca` (a partir de 1), uma vez só."""
    taxas = historico.setdefault("taxa", [])
    if len(taxas) < epoca:
        taxas.append(taxa)


class AjusteDaTaxa:
    """Função de fim de época que põe η = agendamento(e) no otimizador antes da época e (de 0)."""

    def __init__(self, otimizador: Otimizador, agendamento):
        self.otimizador, self.agendamento = otimizador, agendamento
        otimizador.taxa_aprendizado = agendamento(0)

    def __call__(self, epoca: int, rede: Sequencial, historico: dict) -> bool:
        anotar_taxa(historico, epoca, self.otimizador.taxa_aprendizado)
        self.otimizador.taxa_aprendizado = self.agendamento(epoca)  # a próxima época
        return False


def encadear(*funcoes):
    """Uma função de fim de época que chama todas as `funcoes` e para se alguma pedir."""

    def encadeada(epoca: int, rede: Sequencial, historico: dict) -> bool:
        parar = [funcao(epoca, rede, historico) for funcao in funcoes]  # chama todas
        return any(parar)

    return encadeada


class ReduzirNoPatamar:
    """Função de fim de época: η ← max(γ η, η_min) depois de `paciencia` épocas sem melhora.

    `forma` é "torch" (limiar relativo, reduz com > p) ou "keras" (absoluto, ≥ p, em float32).
    """

    def __init__(self, otimizador: Otimizador, fator: float = 0.1, paciencia: int = 10,
                 limiar: float = 1e-4, forma: str = "torch", taxa_minima: float = 0.0,
                 monitorar=None):
        self.otimizador, self.fator, self.paciencia = otimizador, fator, paciencia
        self.limiar, self.forma, self.taxa_minima = limiar, forma, taxa_minima
        self.monitorar = monitorar  # monitorar(rede, historico) -> float; padrão: perda da época
        self.melhor, self.epocas_ruins = np.inf, 0

    def melhorou(self, valor: float) -> bool:
        """Se `valor` conta como melhora sobre o melhor visto, na regra de cada biblioteca."""
        if self.forma == "torch":
            return valor < self.melhor * (1 - self.limiar)
        return np.float32(valor + self.limiar) < np.float32(self.melhor)  # como o Keras

    def __call__(self, epoca: int, rede: Sequencial, historico: dict) -> bool:
        taxa = self.otimizador.taxa_aprendizado
        anotar_taxa(historico, epoca, taxa)
        monitorar = self.monitorar or (lambda rede, historico: historico["perda_epoca"][-1])
        valor = monitorar(rede, historico)
        if self.melhorou(valor):
            self.melhor, self.epocas_ruins = valor, 0
            return False
        self.epocas_ruins += 1
        if self.forma == "torch" and self.epocas_ruins > self.paciencia:
            nova = max(taxa * self.fator, self.taxa_minima)
            if taxa - nova > 1e-8:  # o eps do PyTorch
                self.otimizador.taxa_aprendizado = nova
            self.epocas_ruins = 0
        elif self.forma == "keras" and self.epocas_ruins >= self.paciencia:
            taxa = float(np.float32(taxa))  # o Keras guarda a taxa em float32
            if taxa > np.float32(self.taxa_minima):
                nova = max(taxa * self.fator, self.taxa_minima)
                self.otimizador.taxa_aprendizado = float(np.float32(nova))
            self.epocas_ruins = 0
        return False


# ── capítulo 10 · Preparando os dados e inicializando os pesos ──
def dividir_conjuntos(n_exemplos: int, fracoes: tuple[float, ...], gerador: np.random.Generator,
                      estratos: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """Índices sorteados de cada conjunto nas `fracoes`; por estrato, se `estratos` for dado."""
    fracoes = np.asarray(fracoes, dtype=float)
    if np.any(fracoes < 0) or not np.isclose(fracoes.sum(), 1.0):
        raise ValueError("as frações devem ser não negativas e somar 1")
    if estratos is None:
        grupos = [np.arange(n_exemplos)]
    else:
        grupos = [np.flatnonzero(estratos == valor) for valor in np.unique(estratos)]
    partes = [[] for _ in fracoes]
    for grupo in grupos:
        embaralhado = gerador.permutation(grupo)
        cortes = np.round(np.cumsum(fracoes)[:-1] * len(grupo)).astype(int)
        for k, pedaco in enumerate(np.split(embaralhado, cortes)):
            partes[k].append(pedaco)
    return tuple(gerador.permutation(np.concatenate(pedacos)) for pedacos in partes)


class Padronizador:
    """Padronização por coluna, (X - media) / desvio, com estatísticas do conjunto ajustado."""

    def ajustar(self, X: np.ndarray) -> "Padronizador":
        """Média e desvio (ddof 0) de cada coluna; desvio 1 nas colunas constantes."""
        n_exemplos = X.shape[0]
        self.media = X.mean(axis=0)
        variancia = X.var(axis=0)
        eps = np.finfo(np.float64).eps  # mesmo critério de coluna constante do scikit-learn
        constante = variancia <= n_exemplos * eps * variancia + (n_exemplos * self.media * eps) ** 2
        self.desvio = np.where(constante, 1.0, np.sqrt(variancia))
        return self

    def transformar(self, X: np.ndarray) -> np.ndarray:
        """(X - media) / desvio, com as estatísticas já ajustadas."""
        return (X - self.media) / self.desvio

    def ajustar_transformar(self, X: np.ndarray) -> np.ndarray:
        """Ajusta em X e devolve X transformado."""
        return self.ajustar(X).transformar(X)

    def inverter(self, X_escalado: np.ndarray) -> np.ndarray:
        """Desfaz a padronização: X_escalado * desvio + media."""
        return X_escalado * self.desvio + self.media


class NormalizadorMinMax:
    """Normalização por coluna para [0, 1]: (X - minimo) / amplitude."""

    def ajustar(self, X: np.ndarray) -> "NormalizadorMinMax":
        """Mínimo e amplitude (máximo - mínimo) de cada coluna; amplitude 1 se constante."""
        self.minimo = X.min(axis=0)
        amplitude = X.max(axis=0) - self.minimo
        self.amplitude = np.where(amplitude < 10 * np.finfo(np.float64).eps, 1.0, amplitude)
        return self

    def transformar(self, X: np.ndarray) -> np.ndarray:
        """(X - minimo) / amplitude, com as estatísticas já ajustadas."""
        return (X - self.minimo) / self.amplitude

    def ajustar_transformar(self, X: np.ndarray) -> np.ndarray:
        """Ajusta em X e devolve X transformado."""
        return self.ajustar(X).transformar(X)

    def inverter(self, X_escalado: np.ndarray) -> np.ndarray:
        """Desfaz a normalização: X_escalado * amplitude + minimo."""
        return X_escalado * self.amplitude + self.minimo


# ── capítulo 11 · Normalização em lote e a saúde dos gradientes ──
class NormalizacaoEmLote(Camada):
    """Normalização em lote: γ ⊙ (Z - μ) / √(σ² + ε) + β, por unidade (coluna)."""

    def __init__(self, n_unidades: int, momentum: float = 0.9, epsilon: float = 1e-5,
                 forma: str = "torch"):
        if forma not in ("torch", "keras"):
            raise ValueError(f"forma desconhecida: {forma!r}")
        self.momentum, self.epsilon, self.forma = momentum, epsilon, forma
        self.gamma, self.beta = np.ones(n_unidades), np.zeros(n_unidades)
        self.dgamma, self.dbeta = np.zeros(n_unidades), np.zeros(n_unidades)
        self.media_movel, self.variancia_movel = np.zeros(n_unidades), np.ones(n_unidades)

    def forward(self, Z: np.ndarray) -> np.ndarray:
        """Treino: estatísticas do lote (e atualiza as móveis); avaliação: as estimativas móveis."""
        if not self.treinando:
            self.inverso_desvio = 1 / np.sqrt(self.variancia_movel + self.epsilon)
            self.Z_hat = (Z - self.media_movel) * self.inverso_desvio
            return self.gamma * self.Z_hat + self.beta
        m = Z.shape[0]
        if m < 2:
            raise ValueError("a normalização em lote precisa de pelo menos 2 exemplos no lote")
        media = Z.mean(axis=0)  # μ_B
        self.centrado = Z - media  # C = Z - μ_B
        variancia = np.mean(self.centrado**2, axis=0)  # σ²_B, viesada (divide por m)
        self.inverso_desvio = 1 / np.sqrt(variancia + self.epsilon)  # s = (σ²_B + ε)^(-1/2)
        self.Z_hat = self.centrado * self.inverso_desvio  # Ẑ = C s
        guardada = variancia * m / (m - 1) if self.forma == "torch" else variancia
        mu = self.momentum  # peso da estimativa antiga, como nas médias móveis do capítulo 8
        self.media_movel[...] = mu * self.media_movel + (1 - mu) * media
        self.variancia_movel[...] = mu * self.variancia_movel + (1 - mu) * guardada
        return self.gamma * self.Z_hat + self.beta

    def backward(self, dY: np.ndarray) -> np.ndarray:
        """Regra da cadeia nó a nó (dY: gradiente da saída): γ e β, √(σ² + ε), σ², μ."""
        self.dgamma[...] = np.sum(dY * self.Z_hat, axis=0)  # saída = γ Ẑ + β
        self.dbeta[...] = dY.sum(axis=0)
        dZ_hat = dY * self.gamma
        if not self.treinando:  # μ e σ² fixos: só a divisão
            return dZ_hat * self.inverso_desvio
        m = dY.shape[0]
        dC = dZ_hat * self.inverso_desvio  # Ẑ = C s: pelo ramo de C
        ds = np.sum(dZ_hat * self.centrado, axis=0)  # ... e pelo ramo de s
        dvariancia = -0.5 * ds * self.inverso_desvio**3  # s = (σ² + ε)^(-1/2)
        dC = dC + dvariancia * 2 * self.centrado / m  # σ² = média de C²
        dmedia = -dC.sum(axis=0)  # C = Z - μ
        return dC + dmedia / m  # μ = média de Z

    def parametros(self) -> dict[str, np.ndarray]:
        return {"gamma": self.gamma, "beta": self.beta}

    def gradientes(self) -> dict[str, np.ndarray]:
        return {"gamma": self.dgamma, "beta": self.dbeta}


def criar_mlp_normalizada(larguras: list[int], ativacoes: list[str],
                          gerador: np.random.Generator, inicializacao: str = "normal",
                          desvio: float = 0.1, posicao: str = "antes") -> Sequencial:
    """MLP de `criar_mlp` com uma NormalizacaoEmLote antes ou depois de cada ativação oculta."""
    if posicao not in ("antes", "depois"):
        raise ValueError(f"posição desconhecida: {posicao!r}")
    camadas = []
    for k in range(len(larguras) - 1):
        camadas.append(Densa(larguras[k], larguras[k + 1], gerador, inicializacao, desvio))
        if k < len(larguras) - 2:  # a última densa fica sem ativação e sem normalização
            ativacao, normalizacao = ATIVACOES[ativacoes[k]](), NormalizacaoEmLote(larguras[k + 1])
            camadas += [normalizacao, ativacao] if posicao == "antes" else [ativacao, normalizacao]
    return Sequencial(camadas)


class RegistroDosGradientes:
    """Função de fim de passo que guarda ‖dW‖ e ‖ΔW‖/‖W‖ de cada matriz de pesos."""

    def __init__(self, rede: Sequencial):
        self.anteriores = {nome: p.copy() for nome, p in rede.parametros().items()
                           if nome.startswith("W")}
        self.normas_gradiente = {nome: [] for nome in self.anteriores}
        self.razoes_atualizacao = {nome: [] for nome in self.anteriores}

    def __call__(self, passo: int, rede: Sequencial, historico: dict) -> None:
        parametros, gradientes = rede.parametros(), rede.gradientes()
        for nome, anterior in self.anteriores.items():
            W = parametros[nome]
            self.normas_gradiente[nome].append(float(np.linalg.norm(gradientes[nome])))
            self.razoes_atualizacao[nome].append(
                float(np.linalg.norm(W - anterior) / np.linalg.norm(W)))
            anterior[...] = W  # a cópia passa a ser o W deste passo


class ComRecorte(Otimizador):
    """Recorta os gradientes (norma global, por parâmetro ou por valor) e chama o otimizador."""

    def __init__(self, otimizador: Otimizador, norma_maxima: float | None = None,
                 valor_maximo: float | None = None, por_parametro: bool = False,
                 epsilon: float = 1e-6):
        self.otimizador = otimizador
        self.norma_maxima, self.valor_maximo = norma_maxima, valor_maximo
        self.por_parametro, self.epsilon = por_parametro, epsilon
        self.normas_antes = []  # norma global de cada passo, antes do recorte

    @property
    def taxa_aprendizado(self) -> float:
        return self.otimizador.taxa_aprendizado

    @taxa_aprendizado.setter
    def taxa_aprendizado(self, valor: float) -> None:
        self.otimizador.taxa_aprendizado = valor

    def passo(self, parametros: dict[str, np.ndarray],
              gradientes: dict[str, np.ndarray]) -> None:
        """Recorta os gradientes no próprio array e dá o passo do otimizador envolvido."""
        norma = float(np.sqrt(sum(np.sum(g**2) for g in gradientes.values())))
        self.normas_antes.append(norma)
        if self.norma_maxima is not None and not self.por_parametro:  # N = √(Σ ‖g‖²)
            fator = min(1.0, self.norma_maxima / (norma + self.epsilon))
            for g in gradientes.values():
                g *= fator
        if self.norma_maxima is not None and self.por_parametro:  # cada g sozinho
            for g in gradientes.values():
                g *= self.norma_maxima / max(np.linalg.norm(g), self.norma_maxima)
        if self.valor_maximo is not None:
            for g in gradientes.values():
                np.clip(g, -self.valor_maximo, self.valor_maximo, out=g)
        self.otimizador.passo(parametros, gradientes)


# ── capítulo 12 · Avaliar, diagnosticar e ajustar o treino ──
def acuracia(y: np.ndarray, y_hat_classes: np.ndarray) -> float:
    """Fração dos exemplos em que a classe prevista é a verdadeira."""
    return float(np.mean(np.asarray(y) == np.asarray(y_hat_classes)))


def matriz_de_confusao(y: np.ndarray, y_hat_classes: np.ndarray, n_classes: int) -> np.ndarray:
    """C[j, k] = número de exemplos da classe j previstos como k (linhas: verdade)."""
    C = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(C, (np.asarray(y), np.asarray(y_hat_classes)), 1)
    return C


def precisao_revocacao_f1(y: np.ndarray, y_hat_classes: np.ndarray, n_classes: int,
                          media: str | None = None) -> tuple:
    """Precisão, revocação e F1 por classe (media=None) ou com média "macro" ou "ponderada"."""
    precisao, revocacao, f1, suporte = (np.zeros(n_classes) for _ in range(4))
    for k in range(n_classes):
        verdadeira, prevista = np.asarray(y) == k, np.asarray(y_hat_classes) == k
        vp = np.sum(verdadeira & prevista)  # verdadeiros positivos da classe k
        suporte[k], n_previstos = verdadeira.sum(), prevista.sum()
        precisao[k] = vp / n_previstos if n_previstos > 0 else 0.0  # 0/0 vale 0
        revocacao[k] = vp / suporte[k] if suporte[k] > 0 else 0.0
        soma = precisao[k] + revocacao[k]
        f1[k] = 2 * precisao[k] * revocacao[k] / soma if soma > 0 else 0.0
    if media is None:
        return precisao, revocacao, f1
    if media not in ("macro", "ponderada"):
        raise ValueError(f"média desconhecida: {media!r}")
    pesos = np.ones(n_classes) if media == "macro" else suporte
    return tuple(float(np.sum(pesos * v) / np.sum(pesos)) for v in (precisao, revocacao, f1))


def avaliar(rede: Sequencial, X: np.ndarray, Y: np.ndarray,
            funcao_perda) -> tuple[float, float]:
    """Perda e acurácia da rede em (X, Y one-hot), em modo de avaliação."""
    rede.modo_avaliacao()
    Z = rede.forward(X)
    rede.modo_treino()
    perda, _ = funcao_perda(Z, Y)
    return float(perda), acuracia(Y.argmax(axis=1), Z.argmax(axis=1))


class AvaliacaoPorEpoca:
    """Gancho de fim de época: perda e acurácia na validação (e no treino, se dado)."""

    def __init__(self, X_validacao: np.ndarray, Y_validacao: np.ndarray, funcao_perda,
                 X_treino: np.ndarray | None = None, Y_treino: np.ndarray | None = None):
        self.X_validacao, self.Y_validacao = X_validacao, Y_validacao
        self.funcao_perda = funcao_perda
        self.X_treino, self.Y_treino = X_treino, Y_treino

    def __call__(self, epoca: int, rede: Sequencial, historico: dict) -> bool:
        conjuntos = [("validacao", self.X_validacao, self.Y_validacao)]
        if self.X_treino is not None:
            conjuntos.append(("treino", self.X_treino, self.Y_treino))
        for nome, X, Y in conjuntos:
            perda, acerto = avaliar(rede, X, Y, self.funcao_perda)
            historico.setdefault(f"perda_{nome}", []).append(perda)
            historico.setdefault(f"acuracia_{nome}", []).append(acerto)
        return False


def busca_em_grade(espaco: dict[str, list], avaliar_configuracao) -> list[dict]:
    """Avalia cada combinação dos valores de `espaco`, na ordem; devolve as tentativas."""
    nomes, tentativas = list(espaco), []
    for indices in np.ndindex(*[len(espaco[nome]) for nome in nomes]):
        configuracao = {nome: espaco[nome][i] for nome, i in zip(nomes, indices)}
        tentativas.append({"tentativa": len(tentativas) + 1, "configuracao": configuracao,
                           "nota": avaliar_configuracao(configuracao)})
    return tentativas


def busca_aleatoria(amostradores: dict, n_tentativas: int, gerador: np.random.Generator,
                    avaliar_configuracao) -> list[dict]:
    """Sorteia `n_tentativas` configurações com os amostradores(gerador); devolve as tentativas."""
    tentativas = []
    for numero in range(1, n_tentativas + 1):
        configuracao = {nome: amostrar(gerador) for nome, amostrar in amostradores.items()}
        tentativas.append({"tentativa": numero, "configuracao": configuracao,
                           "nota": avaliar_configuracao(configuracao)})
    return tentativas


# ── capítulo 13 · Regularização: penalidades, dropout, parada antecipada e aumento de dados ──
def penalidade_l2(parametros: dict[str, np.ndarray], gradientes: dict[str, np.ndarray],
                  lambda_: float) -> float:
    """Soma λ W a cada dW (só os pesos W*, não os vieses) e devolve (λ/2) Σ ‖W‖²."""
    valor = 0.0
    for nome, W in parametros.items():
        if nome.startswith("W"):
            gradientes[nome] += lambda_ * W
            valor += 0.5 * lambda_ * float(np.sum(W**2))
    return valor


def penalidade_l1(parametros: dict[str, np.ndarray], gradientes: dict[str, np.ndarray],
                  lambda_: float) -> float:
    """Soma λ sinal(W) a cada dW (só os pesos W*) e devolve λ Σ |W|."""
    valor = 0.0
    for nome, W in parametros.items():
        if nome.startswith("W"):
            gradientes[nome] += lambda_ * np.sign(W)
            valor += lambda_ * float(np.sum(np.abs(W)))
    return valor


def passo_proximal_l1(parametros: dict[str, np.ndarray], limiar: float) -> None:
    """Limiarização suave dos pesos W*: W ← sinal(W) max(|W| - limiar, 0), no próprio array."""
    for nome, W in parametros.items():
        if nome.startswith("W"):
            W[...] = np.sign(W) * np.maximum(np.abs(W) - limiar, 0.0)


class ComPenalidade(Otimizador):
    """Soma as penalidades L2 e L1 aos gradientes e dá o passo; L1 proximal se `proximal`."""

    def __init__(self, otimizador: Otimizador, l2: float = 0.0, l1: float = 0.0,
                 proximal: bool = False):
        self.otimizador, self.l2, self.l1, self.proximal = otimizador, l2, l1, proximal

    @property
    def taxa_aprendizado(self) -> float:
        return self.otimizador.taxa_aprendizado

    @taxa_aprendizado.setter
    def taxa_aprendizado(self, valor: float) -> None:
        self.otimizador.taxa_aprendizado = valor

    def passo(self, parametros: dict[str, np.ndarray],
              gradientes: dict[str, np.ndarray]) -> None:
        """Penalidades nos gradientes, o passo do otimizador e, se proximal, a limiarização."""
        if self.l2:
            penalidade_l2(parametros, gradientes, self.l2)
        if self.l1 and not self.proximal:
            penalidade_l1(parametros, gradientes, self.l1)
        self.otimizador.passo(parametros, gradientes)
        if self.l1 and self.proximal:
            passo_proximal_l1(parametros, self.otimizador.taxa_aprendizado * self.l1)


class Dropout(Camada):
    """Dropout invertido: no treino zera cada entrada com prob. p e divide o resto por 1 - p."""

    def __init__(self, p: float, gerador: np.random.Generator):
        if not 0 <= p < 1:
            raise ValueError("p deve estar em [0, 1)")
        self.p, self.gerador = p, gerador
        self.mascara = None  # a máscara do último forward (True: entrada mantida)
        self.mascara_fixa = False  # True: usa a `mascara` dada de fora, sem sortear

    def forward(self, A: np.ndarray) -> np.ndarray:
        """Treino: M ⊙ A / (1 - p), com M sorteada (ou a dada); avaliação: a identidade."""
        if not self.treinando:
            return A
        if not self.mascara_fixa:
            self.mascara = self.gerador.random(A.shape) >= self.p  # mantida com prob. 1 - p
        return A * self.mascara / (1 - self.p)

    def backward(self, dA: np.ndarray) -> np.ndarray:
        """A mesma máscara e a mesma escala na volta; identidade na avaliação."""
        if not self.treinando:
            return dA
        return dA * self.mascara / (1 - self.p)


class DensaDropConnect(Densa):
    """Densa com DropConnect: no treino, Z = A (M ⊙ W) / (1 - p) + b, uma máscara por lote."""

    def __init__(self, n_entradas: int, n_saidas: int, gerador: np.random.Generator,
                 p: float, inicializacao: str = "normal", desvio: float = 0.1):
        super().__init__(n_entradas, n_saidas, gerador, inicializacao, desvio)
        self.p, self.gerador = p, gerador
        self.mascara, self.mascara_fixa = None, False  # como em Dropout

    def forward(self, A_ant: np.ndarray) -> np.ndarray:
        """Treino: pesos mascarados e reescalados; avaliação: os pesos médios W."""
        self.A_ant = A_ant
        if not self.treinando:
            return A_ant @ self.W + self.b
        if not self.mascara_fixa:
            self.mascara = self.gerador.random(self.W.shape) >= self.p
        self.W_efetivo = self.W * self.mascara / (1 - self.p)
        return A_ant @ self.W_efetivo + self.b

    def backward(self, dZ: np.ndarray) -> np.ndarray:
        """dW = M ⊙ (A_antᵀ dZ) / (1 - p); db = soma de dZ; dA_ant = dZ W_efetivoᵀ."""
        if not self.treinando:
            return super().backward(dZ)
        self.dW[...] = (self.A_ant.T @ dZ) * self.mascara / (1 - self.p)
        self.db[...] = dZ.sum(axis=0)
        return dZ @ self.W_efetivo.T


class ParadaAntecipada:
    """Gancho de fim de época: para depois de `paciencia` épocas sem melhora maior que δ."""

    def __init__(self, monitorar: str = "perda_validacao", paciencia: int = 5,
                 delta_minimo: float = 0.0, restaurar_melhores: bool = True):
        self.monitorar, self.paciencia = monitorar, paciencia
        self.delta_minimo, self.restaurar_melhores = abs(delta_minimo), restaurar_melhores
        self.melhor, self.melhor_epoca, self.espera = np.inf, 0, 0
        self.epoca_parada, self.melhores_pesos, self.melhores_estatisticas = None, None, None

    @staticmethod
    def estatisticas_moveis(rede: Sequencial) -> list[np.ndarray]:
        """media_movel e variancia_movel de cada NormalizacaoEmLote (não treináveis)."""
        return [array for camada in getattr(rede, "camadas", [])
                if isinstance(camada, NormalizacaoEmLote)
                for array in (camada.media_movel, camada.variancia_movel)]

    def __call__(self, epoca: int, rede: Sequencial, historico: dict) -> bool:
        valor = historico[self.monitorar][-1]
        self.espera += 1
        if valor < self.melhor - self.delta_minimo:  # melhora: v < v* - δ
            self.melhor, self.melhor_epoca, self.espera = valor, epoca, 0
            if self.restaurar_melhores:  # como get_weights() do Keras: parâmetros e estatísticas
                self.melhores_pesos = {nome: p.copy() for nome, p in rede.parametros().items()}
                self.melhores_estatisticas = [a.copy() for a in self.estatisticas_moveis(rede)]
            return False
        if self.espera >= self.paciencia:
            self.epoca_parada = epoca
            return True
        return False

    def ao_fim_do_treino(self, rede: Sequencial) -> None:
        """Devolve os pesos e as estatísticas da melhor época (se pedido), tenha parado ou não."""
        if self.restaurar_melhores and self.melhores_pesos is not None:
            for nome, p in rede.parametros().items():
                p[...] = self.melhores_pesos[nome]
            for array, copia in zip(self.estatisticas_moveis(rede), self.melhores_estatisticas):
                array[...] = copia


# ── capítulo 14 · Ajuste fino e transferência de aprendizado ──
def _arrays_da_rede(rede: Sequencial) -> dict[str, np.ndarray]:
    """Parâmetros por nome e, de cada NormalizacaoEmLote, as estimativas móveis."""
    arrays, numero = {}, 0
    for camada in rede.camadas:
        proprios = camada.parametros()
        if "W" in proprios:  # numeração igual à dos nomes W1, b1, ... da rede
            numero += 1
        if isinstance(camada, NormalizacaoEmLote):
            proprios = {**proprios, "media_movel": camada.media_movel,
                        "variancia_movel": camada.variancia_movel}
        for nome, array in proprios.items():
            if f"{nome}{numero}" in arrays:
                raise ValueError(f"dois arrays com o nome {nome}{numero}")
            arrays[f"{nome}{numero}"] = array
    return arrays


def _com_npz(caminho) -> str:
    """O caminho como texto, terminado em .npz (o `np.savez` acrescenta a extensão se faltar)."""
    caminho = str(caminho)
    return caminho if caminho.endswith(".npz") else caminho + ".npz"


def salvar_pesos(rede: Sequencial, caminho) -> None:
    """Salva parâmetros e estimativas móveis num .npz, por nome ("pesos" vira "pesos.npz")."""
    np.savez(_com_npz(caminho), **_arrays_da_rede(rede))


def carregar_pesos(rede: Sequencial, caminho) -> None:
    """Copia no lugar os arrays de um .npz de `salvar_pesos`, conferindo nomes e formas."""
    arrays = _arrays_da_rede(rede)
    with np.load(_com_npz(caminho)) as arquivo:
        if set(arquivo.files) != set(arrays):
            raise ValueError(f"nomes diferentes: arquivo {sorted(arquivo.files)}, "
                             f"rede {sorted(arrays)}")
        for nome, array in arrays.items():
            if arquivo[nome].shape != array.shape:
                raise ValueError(f"{nome}: forma {arquivo[nome].shape} no arquivo, "
                                 f"{array.shape} na rede")
            array[...] = arquivo[nome]


class PorGrupos(Otimizador):
    """Um otimizador por grupo de nomes de parâmetros; os que não estão em grupo ficam parados.

    Não tem taxa própria (não chama `Otimizador.__init__`): agendamentos como `ReduzirNoPatamar`
    e `anotar_taxa` se aplicam ao otimizador de cada grupo, não à `PorGrupos`.
    """

    def __init__(self, grupos: list[tuple[tuple[str, ...], Otimizador]]):
        self.grupos: list[tuple[tuple[str, ...], Otimizador]] = []
        for nomes, otimizador in grupos:
            self.adicionar_grupo(nomes, otimizador)

    def adicionar_grupo(self, nomes: tuple[str, ...], otimizador: Otimizador) -> None:
        """Acrescenta um grupo com otimizador (e estado) novo, como o add_param_group do torch."""
        usados = {nome for grupo, _ in self.grupos for nome in grupo}
        if usados & set(nomes):
            raise ValueError(f"parâmetros já em outro grupo: {sorted(usados & set(nomes))}")
        if len(set(nomes)) != len(nomes):
            raise ValueError(f"nome repetido no grupo: {nomes}")
        if any(otimizador is outro for _, outro in self.grupos):
            raise ValueError("o mesmo otimizador em dois grupos contaria dois passos por passo")
        self.grupos.append((tuple(nomes), otimizador))

    def passo(self, parametros: dict[str, np.ndarray],
              gradientes: dict[str, np.ndarray]) -> None:
        """Chama o otimizador de cada grupo só com os parâmetros e gradientes do grupo."""
        for nomes, otimizador in self.grupos:
            otimizador.passo({nome: parametros[nome] for nome in nomes},
                             {nome: gradientes[nome] for nome in nomes})


# ── capítulo 15 · Treinando em vários processos: paralelismo de dados ──
def gradiente_em_fatias(rede: Sequencial, funcao_perda, X: np.ndarray, Y: np.ndarray,
                        n_trabalhadores: int) -> list[dict[str, np.ndarray]]:
    """Gradientes de cada fatia do lote (np.array_split), como K trabalhadores os calculariam.

    Cada fatia faz a sua passagem direta e de volta com a perda média da fatia; a lista traz
    uma cópia do dicionário de gradientes por fatia, na ordem das fatias.
    """
    lista = []
    for X_fatia, Y_fatia in zip(np.array_split(X, n_trabalhadores),
                                np.array_split(Y, n_trabalhadores)):
        _, dA = funcao_perda(rede.forward(X_fatia), Y_fatia)
        rede.backward(dA)
        lista.append({nome: g.copy() for nome, g in rede.gradientes().items()})
    return lista


def media_dos_gradientes(lista: list[dict[str, np.ndarray]],
                         pesos=None) -> dict[str, np.ndarray]:
    """Média nome a nome dos gradientes; com `pesos` (ex.: tamanhos das fatias), pesada."""
    pesos = np.ones(len(lista)) if pesos is None else np.asarray(pesos, dtype=float)
    pesos = pesos / pesos.sum()
    return {nome: sum(p * g[nome] for p, g in zip(pesos, lista)) for nome in lista[0]}


def all_reduce_em_anel(vetores: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
    """Redução total em anel: redução-espalhamento e coleta total, K - 1 passos cada.

    Cada vetor é dividido em K pedaços; em cada passo, todo trabalhador k manda um pedaço ao
    k + 1 (mod K), ao mesmo tempo. Devolve os K resultados (todos com a soma) e os bytes
    enviados por cada trabalhador.
    """
    K = len(vetores)
    pedacos = [np.array_split(np.array(v), K) for v in vetores]  # cópias, uma por trabalhador
    enviados = np.zeros(K, dtype=np.int64)
    for passo in range(K - 1):  # redução-espalhamento: o pedaço (k - passo) soma no anel
        mensagens = [pedacos[k][(k - passo) % K].copy() for k in range(K)]
        for k in range(K):
            pedacos[(k + 1) % K][(k - passo) % K] += mensagens[k]
            enviados[k] += mensagens[k].nbytes
    # agora o trabalhador k tem a soma completa do pedaço (k + 1) mod K
    for passo in range(K - 1):  # coleta total: cada pedaço pronto dá a volta no anel
        mensagens = [pedacos[k][(k + 1 - passo) % K].copy() for k in range(K)]
        for k in range(K):
            pedacos[(k + 1) % K][(k + 1 - passo) % K][...] = mensagens[k]
            enviados[k] += mensagens[k].nbytes
    return [np.concatenate(p) for p in pedacos], enviados
