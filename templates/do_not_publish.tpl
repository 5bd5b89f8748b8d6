{{%AUTOESCAPE context="HTML"}}<h1>Pupils whose pictures must not be published</h1>
<p class="lead">Check every photo for a school account against this list before you send it for sign-off. Do not copy the list anywhere else.</p>
{{#not_pupils}}<p class="notice">Nobody is on the list.</p>{{/not_pupils}}
{{#has_pupils}}<div class="table-scroll" tabindex="0"><table class="data">
<caption>The do-not-publish list</caption>
<thead><tr><th scope="col">Pupil</th><th scope="col">Class</th><th scope="col">Note</th><th scope="col">Added</th>{{#may_keep}}<th scope="col">Take off</th>{{/may_keep}}</tr></thead>
<tbody>{{/has_pupils}}
{{#pupils}}<tr><th scope="row">{{pupil_name}}</th><td>{{class_name}}</td><td>{{note}}</td><td>{{added_by}}, <time datetime="{{added_at}}">{{added_at:x-uk-time}}</time></td>{{#may_remove}}<td><form method="post" action="/accounts/do-not-publish/{{id}}/remove"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn secondary" type="submit">Take {{pupil_name}} off the list</button></form></td>{{/may_remove}}</tr>
{{/pupils}}
{{#has_pupils}}</tbody></table></div>{{/has_pupils}}
{{#may_keep}}<form class="stack card" method="post" action="/accounts/do-not-publish">
<h2>Add a pupil</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_pupil_name}} has-error{{/err_pupil_name}}"><label for="f-pupil_name">Pupil's name</label>
{{#err_pupil_name}}<p class="field-error" id="e-pupil_name">{{err_pupil_name}}</p>{{/err_pupil_name}}
<input id="f-pupil_name" name="pupil_name" type="text" maxlength="120" required value="{{form_pupil_name}}"{{#err_pupil_name}} aria-describedby="e-pupil_name" aria-invalid="true"{{/err_pupil_name}}></div>
<div class="field{{#err_class_name}} has-error{{/err_class_name}}"><label for="f-class_name">Class</label>
{{#err_class_name}}<p class="field-error" id="e-class_name">{{err_class_name}}</p>{{/err_class_name}}
<input id="f-class_name" name="class_name" type="text" maxlength="60" required value="{{form_class_name}}"{{#err_class_name}} aria-describedby="e-class_name" aria-invalid="true"{{/err_class_name}}></div>
<div class="field{{#err_note}} has-error{{/err_note}}"><label for="f-note">Note (optional)</label>
{{#err_note}}<p class="field-error" id="e-note">{{err_note}}</p>{{/err_note}}
<input id="f-note" name="note" type="text" maxlength="300" value="{{form_note}}"{{#err_note}} aria-describedby="e-note" aria-invalid="true"{{/err_note}}></div>
<div class="actions"><button class="btn" type="submit">Add to the list</button></div>
</form>{{/may_keep}}
<p><a href="/accounts">Back to the register</a></p>
