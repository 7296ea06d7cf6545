/** What the dataset dropdowns show: the user's datasets grouped by app, this app first. */
export interface PickerGroup {
  app: { id: string; name: string };
  isCurrentApp: boolean;
  datasets: { id: string; name: string; latest: { id: string; number: number; sampleCount: number } | null }[];
}
