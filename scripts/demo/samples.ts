// Iris flowers with their known species (rows of the data set that ships with scikit-learn), so a
// prediction can be checked, not only printed. Features: sepal length, sepal width, petal length,
// petal width, in cm.

export interface IrisSample {
  features: [number, number, number, number];
  species: "setosa" | "versicolor" | "virginica";
}

export const IRIS_SAMPLES: readonly IrisSample[] = [
  { features: [5.1, 3.5, 1.4, 0.2], species: "setosa" },
  { features: [5.9, 3.0, 4.2, 1.5], species: "versicolor" },
  { features: [6.7, 3.0, 5.2, 2.3], species: "virginica" },
  { features: [4.9, 3.0, 1.4, 0.2], species: "setosa" },
  { features: [5.5, 2.3, 4.0, 1.3], species: "versicolor" },
  { features: [6.3, 3.3, 6.0, 2.5], species: "virginica" },
];

export function sampleAt(i: number): IrisSample {
  const n = IRIS_SAMPLES.length;
  return IRIS_SAMPLES[((i % n) + n) % n] as IrisSample;
}

export interface PredictAnswer {
  prediction: string | undefined;
  version: string | undefined;
}

/** Reads the server's `{"predictions": [...], "model_version": "1"}`; undefined fields if not. */
export function parsePredictAnswer(body: string): PredictAnswer {
  try {
    const doc = JSON.parse(body) as { predictions?: unknown; model_version?: unknown };
    const first = Array.isArray(doc.predictions) ? doc.predictions[0] : undefined;
    return {
      prediction: typeof first === "string" ? first : undefined,
      version: typeof doc.model_version === "string" ? doc.model_version : undefined,
    };
  } catch {
    return { prediction: undefined, version: undefined };
  }
}
