/// What kind of AI spend a charge is, stored as `x_AICategory`.
///
/// GPU compute is kept apart from the AI services: a GPU instance can be a render farm, so
/// `ai.count_gpu_compute` in `finops.yaml` decides whether it counts as AI.
public enum AICategory: String, CaseIterable, Sendable, Codable, Comparable {
  /// Generative AI models billed per use: OpenAI, Anthropic, Bedrock, Azure OpenAI, Gemini,
  /// marketplace model offers.
  case genaiAPI = "genai-api"
  /// Platforms to build, train and host models: SageMaker, Azure Machine Learning, Vertex AI.
  case mlPlatform = "ml-platform"
  /// Pre-built AI services: speech, vision, translation, text analytics, document AI.
  case aiService = "ai-service"
  /// GPU and accelerator instances (AWS p/g/trn/inf, Azure NC/ND/NV, GCP a2/a3/g2, TPU).
  case gpuCompute = "gpu-compute"

  /// Categories order as declared (the order reports list them in).
  public static func < (lhs: AICategory, rhs: AICategory) -> Bool {
    let order = allCases
    return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
  }
}

extension AICategory {
  /// What reports and `finops ai` call the model of an AI charge: its description, else its SKU
  /// meter, else its SKU id (the first that is not empty).
  /// - Parameters:
  ///   - description: ChargeDescription.
  ///   - skuMeter: SkuMeter.
  ///   - skuId: SkuId.
  /// - Returns: The label, or `(unknown)`.
  static func modelLabel(description: String?, skuMeter: String?, skuId: String?) -> String {
    [description, skuMeter, skuId].compactMap { $0 }.first { !$0.isEmpty } ?? "(unknown)"
  }
}
