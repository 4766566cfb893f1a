// Adds the two tasks Jintu flows are made of to the palette, next to bpmn-js' plain task:
// an approval step (user task) and an external service task (worked by a topic's workers).
export default class JintuPaletteProvider {
  static $inject = ["palette", "create", "elementFactory", "translate"];

  constructor(palette: any, private create: any, private elementFactory: any, private translate: (s: string) => string) {
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    const createTask = (type: string, external: boolean) => (event: Event) => {
      const shape = this.elementFactory.createShape({ type });
      if (external) shape.businessObject.set("camunda:type", "external");
      this.create.start(event, shape);
    };
    const userTask = createTask("bpmn:UserTask", false);
    const serviceTask = createTask("bpmn:ServiceTask", true);
    return (entries: Record<string, unknown>) => {
      const result: Record<string, unknown> = {};
      for (const [id, entry] of Object.entries(entries)) {
        result[id] = entry;
        if (id === "create.task") {
          result["create.user-task"] = {
            group: "activity",
            className: "bpmn-icon-user-task",
            title: this.translate("Create user task"),
            action: { dragstart: userTask, click: userTask },
          };
          result["create.service-task"] = {
            group: "activity",
            className: "bpmn-icon-service-task",
            title: this.translate("Create external service task"),
            action: { dragstart: serviceTask, click: serviceTask },
          };
        }
      }
      return result;
    };
  }
}
