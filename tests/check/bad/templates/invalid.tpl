{{%AUTOESCAPE context="HTML"}}
<input id="f-a" name="a"{{#err_a}} aria-describedby="e-a"{{/err_a}}>
<input id="f-b" name="b" aria-describedby="h-b{{#err_b}} e-b{{/err_b}}" aria-invalid="true">
<textarea id="f-c" name="c"{{#sent_c}}{{#err_c}} aria-describedby="e-c"{{/err_c}}{{/sent_c}}{{#err_c}} aria-invalid="true"{{/err_c}}></textarea>
<fieldset id="f-d"{{#err_d}} aria-describedby="e-d" aria-invalid="true"{{/err_d}}><legend>D</legend></fieldset>
